package dev.zdd.deploy.app;

import dev.zdd.deploy.DeployException;
import dev.zdd.deploy.DeployLayout;
import dev.zdd.deploy.FlatJson;
import dev.zdd.deploy.Stage;
import dev.zdd.deploy.transport.Transport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;

/** {@code .zdd/app.json}: the app settings of the last deploy, which mark a deploy root as an app's. */
public final class SavedAppSettings {
    private SavedAppSettings() {
    }

    /** The settings kept on the target, or null when it holds a site (no app was ever deployed there). */
    public static AppSettings read(Transport transport, DeployLayout layout) throws IOException, DeployException {
        String path = new SlotLayout(layout).settings();
        try {
            return AppSettings.of(FlatJson.read(new String(transport.read(path), StandardCharsets.UTF_8)));
        } catch (NoSuchFileException e) {
            return null;
        } catch (IllegalArgumentException e) {
            throw new DeployException(Stage.PLANNED, path + " on " + transport.describe() + " is not valid ("
                    + e.getMessage() + "); run zdd:deploy-app once to write it again");
        }
    }

    public static void write(Transport transport, DeployLayout layout, AppSettings settings) throws IOException {
        transport.createDirectories(layout.state());
        transport.writeAtomically(new SlotLayout(layout).settings(), (FlatJson.write(settings.fields()) + "\n")
                .getBytes(StandardCharsets.UTF_8));
    }
}
