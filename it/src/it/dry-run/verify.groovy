// The dry run printed what it would send, link and prune, and changed nothing on the root.
def www = new File(basedir, 'www')
assert java.nio.file.Files.readSymbolicLink(new File(www, 'current').toPath()).toString() == 'releases/r1'
assert !new File(www, 'releases/r2').exists() : 'a dry run uploads nothing'
assert new File(www, '.zdd/deploys.jsonl').readLines().size() == 1 : 'a dry run logs nothing'
assert !new File(www, '.zdd/lock').exists()
def build = new File(basedir, 'build.log').text
assert build.contains('zdd: dry run, nothing changed on')
assert build =~ /  send index\.html/
assert build.contains('release r2')
return true
