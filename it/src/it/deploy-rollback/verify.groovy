// r1, then r2 (whose style.css is new, and r1's is carried over), then a rollback to r1; nothing deleted.
def www = new File(basedir, 'www')
assert java.nio.file.Files.readSymbolicLink(new File(www, 'current').toPath()).toString() == 'releases/r1'
assert new File(www, 'current/index.html').text.contains('<p>one</p>')
assert new File(www, 'releases/r2/index.html').text.contains('<p>two</p>')
def r1Css = new File(www, 'releases/r1').list().find { it ==~ /style\.[0-9a-f]{8}\.css/ }
assert new File(www, 'releases/r2/' + r1Css).isFile() : 'r1 CSS carried over into r2'
def log = new File(www, '.zdd/deploys.jsonl').readLines()
assert log.size() == 3
assert log[2].contains('"action":"rollback","release":"r1","previous":"r2"')
def build = new File(basedir, 'build.log').text
assert build.contains('zdd: r1 is live on')
assert build =~ /\*  r1 .* current/
// A release rolled back from is marked as such and is never the "previous" a rollback returns to.
assert build =~ /   r2 .* rolled back from/
return true
