// Without a project, hash writes where it was told and check reports under ./target/zdd.
def out = new File(basedir, 'out')
def manifest = new File(out, '.zdd/manifest.json').text
def css = (manifest =~ /"css\/app\.css" : "(css\/app\.[0-9a-f]{8}\.css)"/)[0][1]
assert new File(out, css).isFile()
assert new File(out, 'index.html').text.contains('href="' + css + '"')
assert new File(basedir, 'target/zdd/check.json').text.contains('"failed" : false')
return true
