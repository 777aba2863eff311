package dev.zdd.deploy;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The CI job's URL recorded in release.json, from the variables each CI system sets (given as maps). */
class ActorTest {
    @Test
    void githubActionsRunOnGithubCom() {
        assertEquals("https://github.com/acme/site/actions/runs/42", Actor.ciUrl(Map.of(
                "GITHUB_RUN_ID", "42", "GITHUB_REPOSITORY", "acme/site")));
    }

    @Test
    void githubEnterpriseUsesItsServerUrl() {
        assertEquals("https://git.acme.example/acme/site/actions/runs/42", Actor.ciUrl(Map.of(
                "GITHUB_SERVER_URL", "https://git.acme.example", "GITHUB_RUN_ID", "42",
                "GITHUB_REPOSITORY", "acme/site")));
    }

    @Test
    void gitlabJenkinsAndCircleGiveTheirJobUrl() {
        assertEquals("https://gitlab.example/acme/site/-/jobs/7", Actor.ciUrl(Map.of(
                "CI_JOB_URL", "https://gitlab.example/acme/site/-/jobs/7")));
        assertEquals("https://jenkins.example/job/site/12/", Actor.ciUrl(Map.of(
                "BUILD_URL", "https://jenkins.example/job/site/12/")));
        assertEquals("https://circleci.com/gh/acme/site/99", Actor.ciUrl(Map.of(
                "CIRCLE_BUILD_URL", "https://circleci.com/gh/acme/site/99")));
    }

    @Test
    void githubWinsOverAJenkinsUrlLeftInTheEnvironment() {
        assertEquals("https://github.com/acme/site/actions/runs/42", Actor.ciUrl(Map.of(
                "BUILD_URL", "https://jenkins.example/job/site/12/", "GITHUB_RUN_ID", "42",
                "GITHUB_REPOSITORY", "acme/site")));
    }

    @Test
    void aGithubRunIdWithoutItsRepositoryIsNoUrl() {
        // Half the variables would make a URL that leads nowhere ("https://github.com/null/actions/runs/42").
        assertNull(Actor.ciUrl(Map.of("GITHUB_RUN_ID", "42")));
        assertEquals("https://jenkins.example/job/site/12/", Actor.ciUrl(Map.of("GITHUB_RUN_ID", "42",
                "BUILD_URL", "https://jenkins.example/job/site/12/")));
    }

    @Test
    void outsideCiThereIsNone() {
        assertNull(Actor.ciUrl(Map.of("HOME", "/home/dev", "PATH", "/usr/bin")));
    }

    @Test
    void theActorCarriesTheUrlFromTheEnvironmentItIsGiven() {
        Actor actor = Actor.current("0123abc", "1.0", Map.of("CI_JOB_URL", "https://gitlab.example/j/1"));
        assertEquals("https://gitlab.example/j/1", actor.ciUrl());
        assertEquals(ProcessHandle.current().pid(), actor.pid());
    }
}
