// The deploy was refused naming the owner and the full unlock command; unlock refused without force, broke it
// with force, and the next deploy went through.
def www = new File(basedir, 'www')
assert java.nio.file.Files.readSymbolicLink(new File(www, 'current').toPath()).toString() == 'releases/r1'
assert !new File(www, '.zdd/lock').exists()
def build = new File(basedir, 'build.log').text
assert build.contains('is locked by alice@elsewhere')
assert build =~ /mvn zdd:unlock -Dzdd\.target='[^']*www' -Dzdd\.force=true/
assert build.contains('the lock\'s lease has not run out; nothing was unlocked')
assert build.contains('broke the lock held by alice@elsewhere')
return true
