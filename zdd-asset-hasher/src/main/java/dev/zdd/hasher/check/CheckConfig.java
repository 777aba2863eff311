package dev.zdd.hasher.check;

import dev.zdd.hasher.site.Glob;
import java.util.Collections;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import dev.zdd.hasher.site.KeyValues;
import dev.zdd.hasher.site.SiteOptions;
import dev.zdd.hasher.text.ByteSize;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** What {@link SiteChecker} checks and what fails. Built with {@link #builder(Path)}. */
public final class CheckConfig {
    private final Path siteDirectory;
    private final SiteOptions site;
    private final List<String> ignoreUrls;
    private final Set<ProblemKind> failOn;
    private final Long maxTotalSize;
    private final Map<SizeCategory, Long> maxTypeSize;
    private final Map<String, Long> maxFileSize;
    private final Baseline baseline;
    private final GrowthLimit maxGrowth;
    private final Map<SizeCategory, GrowthLimit> maxTypeGrowth;
    private final int topFiles;
    private final int threads;

    private CheckConfig(Builder b) {
        this.siteDirectory = b.siteDirectory.toAbsolutePath().normalize();
        this.site = b.site;
        this.ignoreUrls = List.copyOf(b.ignoreUrls);
        this.failOn = Set.copyOf(b.failOn);
        this.maxTotalSize = b.maxTotalSize;
        this.maxTypeSize = Map.copyOf(b.maxTypeSize);
        this.maxFileSize = new LinkedHashMap<>(b.maxFileSize);
        this.baseline = b.baseline;
        this.maxGrowth = b.maxGrowth;
        this.maxTypeGrowth = Map.copyOf(b.maxTypeGrowth);
        this.topFiles = b.topFiles;
        this.threads = b.threads;
    }

    public static Builder builder(Path siteDirectory) {
        return new Builder(siteDirectory);
    }

    public Path siteDirectory() {
        return siteDirectory;
    }

    /** Base path, site origins, index files, ignores and web manifests, as {@code hash} saw them. */
    public SiteOptions site() {
        return site;
    }

    public String basePath() {
        return site.basePath();
    }

    public List<String> siteOrigins() {
        return site.siteOrigins();
    }

    public List<String> indexFiles() {
        return site.indexFiles();
    }

    public List<String> ignores() {
        return site.ignores();
    }

    public List<String> webManifests() {
        return site.webManifests();
    }

    public List<String> ignoreUrls() {
        return ignoreUrls;
    }

    public boolean fails(ProblemKind kind) {
        return failOn.contains(kind);
    }

    public Long maxTotalSize() {
        return maxTotalSize;
    }

    public Map<SizeCategory, Long> maxTypeSize() {
        return maxTypeSize;
    }

    /** Glob to the largest size any one matching file may have, in the order given. */
    public Map<String, Long> maxFileSize() {
        return Collections.unmodifiableMap(maxFileSize);
    }

    public Baseline baseline() {
        return baseline;
    }

    public GrowthLimit maxGrowth() {
        return maxGrowth;
    }

    public Map<SizeCategory, GrowthLimit> maxTypeGrowth() {
        return maxTypeGrowth;
    }

    public int topFiles() {
        return topFiles;
    }

    public int threads() {
        return threads;
    }

    public static final class Builder {
        private final Path siteDirectory;
        private SiteOptions site = SiteOptions.defaults();
        private List<String> ignoreUrls = List.of();
        private Set<ProblemKind> failOn = EnumSet.copyOf(ProblemKind.FAIL_BY_DEFAULT);
        private Long maxTotalSize;
        private final Map<SizeCategory, Long> maxTypeSize = new EnumMap<>(SizeCategory.class);
        private final Map<String, Long> maxFileSize = new LinkedHashMap<>();
        private Baseline baseline;
        private GrowthLimit maxGrowth;
        private final Map<SizeCategory, GrowthLimit> maxTypeGrowth = new EnumMap<>(SizeCategory.class);
        private int topFiles = 10;
        private int threads = Runtime.getRuntime().availableProcessors();

        private Builder(Path siteDirectory) {
            this.siteDirectory = Objects.requireNonNull(siteDirectory, "siteDirectory");
        }

        /** How the site is laid out and served; the same value {@code hash} was given. */
        public Builder site(SiteOptions options) {
            this.site = Objects.requireNonNull(options, "site");
            return this;
        }

        public Builder basePath(String path) {
            this.site = site.withBasePath(path);
            return this;
        }

        public Builder siteOrigins(List<String> origins) {
            this.site = site.withSiteOrigins(origins);
            return this;
        }

        /** File names that serve a folder URL such as {@code docs/}; tried in order. */
        public Builder indexFiles(List<String> names) {
            this.site = site.withIndexFiles(names);
            return this;
        }

        public Builder ignores(List<String> globs) {
            this.site = site.withIgnores(globs);
            return this;
        }

        public Builder webManifests(List<String> globs) {
            this.site = site.withWebManifests(globs);
            return this;
        }

        /** Regular expressions of URLs (as written) that are never reported. */
        public Builder ignoreUrls(List<String> patterns) {
            for (String pattern : patterns) {
                try {
                    Pattern.compile(pattern);
                } catch (PatternSyntaxException e) {
                    throw new IllegalArgumentException("ignoreUrls: '" + pattern + "' is not a regular expression: "
                            + e.getDescription());
                }
            }
            this.ignoreUrls = List.copyOf(patterns);
            return this;
        }

        public Builder failOn(Set<ProblemKind> kinds) {
            this.failOn = kinds.isEmpty() ? EnumSet.noneOf(ProblemKind.class) : EnumSet.copyOf(kinds);
            return this;
        }

        public Builder maxTotalSize(Long bytes) {
            this.maxTotalSize = bytes;
            return this;
        }

        /** {@code js=300KB, css=50KB}: the most each type may total. */
        public Builder maxTypeSizes(String spec) {
            KeyValues.parse(spec, "maxTypeSizes").forEach((type, size) ->
                    maxTypeSize(SizeCategory.fromId(type), ByteSize.parse(size)));
            return this;
        }

        /** {@code **}{@code /*.js=200KB, img/**=500KB}: the most any one matching file may have. */
        public Builder maxFileSizes(String spec) {
            KeyValues.parse(spec, "maxFileSizes").forEach((glob, size) -> maxFileSize(glob, ByteSize.parse(size)));
            return this;
        }

        /** {@code js=5%, css=10%+20KB}: how much each type may grow over the baseline. */
        public Builder maxTypeGrowth(String spec) {
            KeyValues.parse(spec, "maxTypeGrowth").forEach((type, limit) ->
                    maxTypeGrowth(SizeCategory.fromId(type), GrowthLimit.parse(limit)));
            return this;
        }

        public Builder maxTypeSize(SizeCategory category, long bytes) {
            maxTypeSize.put(category, bytes);
            return this;
        }

        public Builder maxFileSize(String glob, long bytes) {
            Glob.of(glob);
            maxFileSize.put(glob, bytes);
            return this;
        }

        public Builder baseline(Baseline baseline) {
            this.baseline = baseline;
            return this;
        }

        public Builder maxGrowth(GrowthLimit limit) {
            this.maxGrowth = limit;
            return this;
        }

        public Builder maxTypeGrowth(SizeCategory category, GrowthLimit limit) {
            maxTypeGrowth.put(category, limit);
            return this;
        }

        /** How many of the most-grown files reports list. */
        public Builder topFiles(int count) {
            if (count < 0) {
                throw new IllegalArgumentException("topFiles must not be negative, was " + count);
            }
            this.topFiles = count;
            return this;
        }

        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1, was " + threads);
            }
            this.threads = threads;
            return this;
        }

        public CheckConfig build() {
            return new CheckConfig(this);
        }
    }
}
