package dev.zdd.plugin;

import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/** Every zdd goal: one switch skips them all. */
abstract class AbstractZddMojo extends AbstractMojo {
    /** Skips every zdd goal. */
    @Parameter(property = "zdd.skip", defaultValue = "false")
    boolean skip;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("zdd: skipped (zdd.skip)");
            return;
        }
        run();
    }

    abstract void run() throws MojoExecutionException, MojoFailureException;
}
