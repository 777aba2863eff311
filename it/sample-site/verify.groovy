// The README's quick start: hash, check and deploy the sample site to target/www.
def site = new File(basedir, 'target/zdd/site')
def index = new File(site, 'index.html').text
def manifest = new File(site, '.zdd/manifest.json').text
assert manifest.contains('"paths"')
def hashedCss = (manifest =~ /"css\/site\.css" : "(css\/site\.[0-9a-f]{8}\.css)"/)[0][1]
assert index.contains('href="/' + hashedCss + '"')
assert index.contains('content="https://www.example.com/img/social.')
assert new File(site, 'favicon.ico').isFile() : 'favicon.ico keeps its name'

def check = new File(basedir, 'target/zdd/check.json').text
assert check.contains('"failed" : false')
assert check.contains('"problems" : [ ]')
assert new File(basedir, 'target/zdd/check.html').isFile()
assert new File(basedir, 'target/zdd/TEST-zdd-check.xml').isFile()

def www = new File(basedir, 'target/www')
def current = java.nio.file.Files.readSymbolicLink(new File(www, 'current').toPath()).toString()
assert current.startsWith('releases/')
assert new File(www, 'current/' + hashedCss).isFile()
assert new File(www, '.zdd/deploys.jsonl').text.contains('"outcome":"success"')
return true
