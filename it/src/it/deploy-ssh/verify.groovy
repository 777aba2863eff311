// r1, then r2, then a rollback to r1, all over SSH; checked on the server's side, then sshd is stopped.
import dev.zdd.testing.Exec
import java.nio.file.Files
import java.time.Duration

def sshd = context.get('sshd')
assert sshd != null : 'prebuild.groovy did not start sshd; see build.log'
try {
    def www = new File(context.get('www'))
    def target = 'ssh://' + sshd.user() + '@127.0.0.1:' + sshd.port() + www

    // What the server serves, asked of the server: current names r1 again.
    def link = Exec.run(Duration.ofSeconds(20), '/usr/bin/ssh', '-p', '' + sshd.port(), '-i', sshd.clientKey().toString(),
            '-o', 'UserKnownHostsFile=' + sshd.knownHosts(), '-o', 'StrictHostKeyChecking=yes', '-o', 'BatchMode=yes',
            sshd.user() + '@127.0.0.1', 'readlink', www.toString() + '/current').ok().trim()
    assert link == 'releases/r1'
    assert Files.readSymbolicLink(new File(www, 'current').toPath()).toString() == 'releases/r1'
    assert new File(www, 'current/index.html').text.contains('<p>one</p>')
    assert new File(www, 'releases/r2/index.html').text.contains('<p>two</p>') : 'a rollback deletes nothing'
    def log = new File(www, '.zdd/deploys.jsonl').readLines()
    assert log.size() == 3
    assert log[0].contains('"action":"deploy","release":"r1",') && !log[0].contains('"previous"')
    assert log[1].contains('"action":"deploy","release":"r2","previous":"r1"')
    assert log[2].contains('"action":"rollback","release":"r1","previous":"r2"')

    def build = new File(basedir, 'build.log').text
    // Each deploy went over SSH to this server and said so.
    assert build.contains('zdd: finished: r1 is live on ' + target)
    assert build.contains('zdd: finished: r2 is live on ' + target)
    // The rollback without a name chose r2's predecessor.
    assert build.contains('zdd: r1 is live on ' + target)
    assert build =~ /\*  r1 .* current/
    assert build =~ /   r2 .* rolled back from/
    assert build.contains('rollback r1 (from r2)  success')
    // sshj's own lines stay at debug: no list of ciphers the JDK lacks, no ERROR after a deploy that went well.
    assert !build.contains('Cipher [') : 'sshj logs at info'
    assert !build.contains('woke to') && !(build =~ /(?m)^\[ERROR\]/) : 'an error line in a build that passed'
    // sshd saw the logins: four builds, each with the client key.
    assert (sshd.log() =~ /Accepted publickey for /).size() >= 4
} finally {
    sshd.close()
}
return true
