// A real OpenSSH sshd for the builds of this case: 127.0.0.1, a free port, host and client keys made by ssh-keygen,
// a known_hosts that trusts the host key (the test fixture that the plugin's SSH tests use). verify.groovy (the
// post-build hook, which runs even when a build or this script fails) checks the server's side and stops sshd.
import dev.zdd.testing.OpenSshServer

def sshd = OpenSshServer.start(new File(basedir, 'sshd').toPath())
context.put('sshd', sshd)
try {
    def www = new File(basedir, 'www').canonicalPath
    context.put('www', www)
    context.userProperties.put('zdd.target', 'ssh://' + sshd.user() + '@127.0.0.1:' + sshd.port() + www)
    context.userProperties.put('zdd.knownHosts', sshd.knownHosts().toString())
    context.userProperties.put('zdd.privateKey', sshd.clientKey().toString())
} catch (Throwable e) {
    sshd.close()
    throw e
}
return true
