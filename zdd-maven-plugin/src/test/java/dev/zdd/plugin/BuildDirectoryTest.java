package dev.zdd.plugin;

import org.apache.maven.model.Build;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Where the mojos' default outputs go; a plain unit test, no harness and no files. */
class BuildDirectoryTest {
    private static MavenProject project(String buildDirectory) {
        MavenProject project = new MavenProject();
        Build build = new Build();
        build.setDirectory(buildDirectory);
        project.setBuild(build);
        return project;
    }

    @Test
    void theProjectsBuildDirectory() {
        Path build = Path.of("some", "project", "target").toAbsolutePath();
        assertEquals(build.resolve("zdd/site"), BuildDirectory.orDefault(null, project(build.toString()), "zdd/site"));
    }

    @Test
    void aConfiguredFolderWins() {
        File configured = Path.of("elsewhere").toAbsolutePath().toFile();
        assertEquals(configured.toPath(), BuildDirectory.orDefault(configured, project("/x/target"), "zdd/site"));
    }

    @Test
    void withoutAProjectOrWithMavensUnresolvedStandInItIsTargetInTheWorkingDirectory() {
        Path target = Path.of("target").toAbsolutePath();
        assertEquals(target, BuildDirectory.of(null));
        assertEquals(target, BuildDirectory.of(project("${project.basedir}/target")));
        assertEquals(target, BuildDirectory.of(new MavenProject()));
    }

    @Test
    void theBasedirIsTheProjectsElseTheWorkingDirectory() {
        MavenProject project = new MavenProject();
        project.setFile(Path.of("/srv/site/pom.xml").toFile());
        assertEquals(Path.of("/srv/site"), BuildDirectory.basedir(project));
        assertEquals(Path.of("").toAbsolutePath(), BuildDirectory.basedir(null));
        assertEquals(Path.of("").toAbsolutePath(), BuildDirectory.basedir(new MavenProject()));
    }
}
