// A lock left by a deploy on another machine (so it cannot be seen to have died) whose lease still runs.
def lock = new File(basedir, 'www/.zdd/lock')
lock.mkdirs()
def now = java.time.Instant.now()
new File(lock, 'owner.json').text = '{"user":"alice","host":"elsewhere","pid":4242,"gitSha":null,' +
        '"action":"deploy r0","started":"' + now + '","expires":"' + now.plusSeconds(3600) + '","token":"t0"}\n'
return true
