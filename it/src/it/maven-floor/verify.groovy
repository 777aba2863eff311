// The build ran on Maven 3.6.3 and deployed; releases and help worked there too.
def build = new File(basedir, 'build.log').text
assert build.contains('Apache Maven 3.6.3 ') : 'not run by Maven 3.6.3'
def www = new File(basedir, 'www')
assert java.nio.file.Files.readSymbolicLink(new File(www, 'current').toPath()).toString() == 'releases/r1'
assert build.contains('zdd: finished: r1 is live on')
assert build =~ /\*  r1 .* current/
assert build.contains('This plugin has') && build.contains('zdd:nginx-config')
return true
