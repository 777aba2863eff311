package dev.zdd.plugin;

import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/**
 * A database user and password from a settings.xml {@code <server>}, the password decrypted: credentials stay out
 * of the pom and the command line (where {@code ps} shows them).
 *
 * @param user     null when no server is named (the JDBC URL or the driver's defaults decide)
 * @param password null when none is given
 */
record DatabaseLogin(String user, String password) {
    static DatabaseLogin from(Settings settings, SettingsDecrypter decrypter, String serverId, String property)
            throws MojoFailureException {
        if (serverId == null || serverId.isBlank()) {
            return new DatabaseLogin(null, null);
        }
        Server server = settings == null ? null : settings.getServer(serverId.trim());
        if (server == null) {
            throw new MojoFailureException("zdd: no <server> with id '" + serverId + "' in settings.xml (" + property
                    + ")");
        }
        SettingsDecryptionResult result = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
        for (SettingsProblem problem : result.getProblems()) {
            if (problem.getSeverity() != SettingsProblem.Severity.WARNING) {
                throw new MojoFailureException("zdd: cannot decrypt server '" + serverId + "': "
                        + problem.getMessage());
            }
        }
        return new DatabaseLogin(result.getServer().getUsername(), result.getServer().getPassword());
    }
}
