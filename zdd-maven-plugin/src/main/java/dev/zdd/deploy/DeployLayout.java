package dev.zdd.deploy;

/**
 * Where things live under a deploy root:
 * {@code releases/<id>/}, {@code releases/<id>/.zdd/{manifest.json,release.json,incomplete}},
 * {@code current -> releases/<id>}, {@code .zdd/deploys.jsonl}, {@code .zdd/lock/owner.json}.
 */
public record DeployLayout(String root) {
    public DeployLayout {
        if (!root.startsWith("/")) {
            throw new IllegalArgumentException("the deploy root must be an absolute path, was '" + root + "'");
        }
        while (root.length() > 1 && root.endsWith("/")) {
            root = root.substring(0, root.length() - 1);
        }
    }

    public String releases() {
        return root + "/releases";
    }

    public String release(String id) {
        return releases() + "/" + id;
    }

    /** What {@code current} points at for a release: relative, so the root can move. */
    public String linkTarget(String id) {
        return "releases/" + id;
    }

    public String current() {
        return root + "/current";
    }

    public String state() {
        return root + "/.zdd";
    }

    public String log() {
        return state() + "/deploys.jsonl";
    }

    public String lock() {
        return state() + "/lock";
    }

    public String lockOwner() {
        return lock() + "/owner.json";
    }

    public String manifest(String id) {
        return release(id) + "/.zdd/manifest.json";
    }

    public String releaseInfo(String id) {
        return release(id) + "/.zdd/release.json";
    }

    public String incompleteMarker(String id) {
        return release(id) + "/.zdd/incomplete";
    }

    /** The release id a {@code current} link target names, or null if it names something else. */
    public String idOfLinkTarget(String target) {
        String t = target.endsWith("/") ? target.substring(0, target.length() - 1) : target;
        String prefix = t.startsWith(releases() + "/") ? releases() + "/" : "releases/";
        if (!t.startsWith(prefix)) {
            return null;
        }
        String id = t.substring(prefix.length());
        // "releases/.." is the root itself, not a release.
        return id.contains("/") || id.equals(".") || id.equals("..") ? null : id;
    }
}
