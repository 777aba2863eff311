package dev.zdd.plugin;

import org.apache.maven.project.MavenProject;

import java.io.File;
import java.nio.file.Path;

/**
 * The build folder to default outputs to. Without a project (a goal run on any folder), Maven's stand-in project
 * leaves <code>${project.build.directory}</code> unresolved, so defaults fall back to {@code ./target}.
 */
final class BuildDirectory {
    private BuildDirectory() {
    }

    static Path of(MavenProject project) {
        String directory = project == null || project.getBuild() == null ? null : project.getBuild().getDirectory();
        if (directory == null || directory.contains("${")) {
            return Path.of("target").toAbsolutePath();
        }
        return Path.of(directory);
    }

    /** The project's folder; without a project (a goal run on any folder), the working directory. */
    static Path basedir(MavenProject project) {
        return project != null && project.getBasedir() != null ? project.getBasedir().toPath()
                : Path.of("").toAbsolutePath();
    }

    /** {@code configured}, or {@code relative} inside the build folder. */
    static Path orDefault(File configured, MavenProject project, String relative) {
        return configured != null ? configured.toPath() : of(project).resolve(relative);
    }
}
