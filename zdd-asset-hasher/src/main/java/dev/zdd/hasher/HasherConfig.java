package dev.zdd.hasher;

import java.util.Arrays;
import java.util.Locale;
import dev.zdd.hasher.refs.ReferenceGroup;
import dev.zdd.hasher.site.KeyValues;
import dev.zdd.hasher.site.SiteOptions;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Everything {@link AssetHasher} needs to know. Built with {@link #builder(Path, Path)}; defaults suit most sites. */
public final class HasherConfig {
    public static final int MIN_HASH_LENGTH = 8;
    public static final int MAX_HASH_LENGTH = 64;

    public static final List<String> DEFAULT_ASSETS = List.of(
            "**/*.{css,js,mjs,map}",
            "**/*.{png,jpg,jpeg,gif,webp,avif,svg,ico,bmp,cur,apng,jxl}",
            "**/*.{woff,woff2,ttf,otf,eot}",
            "**/*.{mp4,webm,ogv,ogg,mp3,wav,flac,m4a,aac,opus,vtt}",
            "**/*.{webmanifest,wasm}");
    /** Files browsers or crawlers ask for by a fixed name, which therefore must keep it. */
    public static final List<String> DEFAULT_EXCLUDES = List.of(
            "favicon.ico", "apple-touch-icon*.png", "**/sw.js", "**/service-worker.js", ".well-known/**");

    private final Path siteDirectory;
    private final Path outputDirectory;
    private final List<String> assets;
    private final List<String> excludes;
    private final SiteOptions site;
    private final int hashLength;
    private final Map<ReferenceGroup, MissingPolicy> missing;
    private final boolean keepOriginals;
    private final boolean linkFiles;
    private final int threads;

    private HasherConfig(Builder b) {
        this.siteDirectory = b.siteDirectory.toAbsolutePath().normalize();
        this.outputDirectory = b.outputDirectory.toAbsolutePath().normalize();
        this.assets = List.copyOf(b.assets);
        this.excludes = List.copyOf(b.excludes);
        this.site = b.site;
        this.hashLength = b.hashLength;
        this.missing = Map.copyOf(b.missing);
        this.keepOriginals = b.keepOriginals;
        this.linkFiles = b.linkFiles;
        this.threads = b.threads;
    }

    public static Builder builder(Path siteDirectory, Path outputDirectory) {
        return new Builder(siteDirectory, outputDirectory);
    }

    public Path siteDirectory() {
        return siteDirectory;
    }

    public Path outputDirectory() {
        return outputDirectory;
    }

    public List<String> assets() {
        return assets;
    }

    public List<String> excludes() {
        return excludes;
    }

    /** Base path, site origins, ignores and web manifests, as {@code check} must see them too. */
    public SiteOptions site() {
        return site;
    }

    public List<String> ignores() {
        return site.ignores();
    }

    public List<String> webManifests() {
        return site.webManifests();
    }

    public int hashLength() {
        return hashLength;
    }

    public String basePath() {
        return site.basePath();
    }

    public List<String> siteOrigins() {
        return site.siteOrigins();
    }

    public MissingPolicy missing(ReferenceGroup group) {
        return missing.get(group);
    }

    public boolean keepOriginals() {
        return keepOriginals;
    }

    /** Whether files published unchanged are hard-linked from the site where the file system allows. */
    public boolean linkFiles() {
        return linkFiles;
    }

    public int threads() {
        return threads;
    }

    public static final class Builder {
        private final Path siteDirectory;
        private final Path outputDirectory;
        private List<String> assets = DEFAULT_ASSETS;
        private List<String> excludes = DEFAULT_EXCLUDES;
        private SiteOptions site = SiteOptions.defaults();
        private int hashLength = MIN_HASH_LENGTH;
        private final Map<ReferenceGroup, MissingPolicy> missing = new EnumMap<>(ReferenceGroup.class);
        private boolean keepOriginals;
        private boolean linkFiles;
        private int threads = Runtime.getRuntime().availableProcessors();

        private Builder(Path siteDirectory, Path outputDirectory) {
            this.siteDirectory = Objects.requireNonNull(siteDirectory, "siteDirectory");
            this.outputDirectory = Objects.requireNonNull(outputDirectory, "outputDirectory");
            for (ReferenceGroup group : ReferenceGroup.values()) {
                missing.put(group, MissingPolicy.WARN);
            }
            missing.put(ReferenceGroup.SOURCE_MAP, MissingPolicy.STRIP);
        }

        /** Globs of the files that get a content hash in their name. */
        public Builder assets(List<String> globs) {
            this.assets = nonEmpty(globs, "assets");
            return this;
        }

        /** Globs of assets that keep their name. */
        public Builder excludes(List<String> globs) {
            this.excludes = List.copyOf(globs);
            return this;
        }

        /** How the site is laid out and served (its index files do not matter to hashing). */
        public Builder site(SiteOptions options) {
            this.site = Objects.requireNonNull(options, "site");
            return this;
        }

        /** Globs of files left out of the release altogether. */
        public Builder ignores(List<String> globs) {
            this.site = site.withIgnores(globs);
            return this;
        }

        /** Globs of JSON files read as web app manifests. */
        public Builder webManifests(List<String> globs) {
            this.site = site.withWebManifests(globs);
            return this;
        }

        public Builder hashLength(int length) {
            if (length < MIN_HASH_LENGTH || length > MAX_HASH_LENGTH) {
                throw new IllegalArgumentException("hashLength must be between " + MIN_HASH_LENGTH + " and "
                        + MAX_HASH_LENGTH + " hex characters, was " + length);
            }
            this.hashLength = length;
            return this;
        }

        /** The URL path the site is served under: {@code /}, or {@code /docs/} for a site in a sub-folder. */
        public Builder basePath(String path) {
            this.site = site.withBasePath(path);
            return this;
        }

        /** Absolute URL prefixes that mean this site ({@code https://example.com}), so og:image URLs get hashed. */
        public Builder siteOrigins(List<String> origins) {
            this.site = site.withSiteOrigins(origins);
            return this;
        }

        /**
         * Policies written as {@code html=fail, css=warn, source-map=strip}; groups not named keep their policy.
         * Groups: html, css, source-map, web-manifest, import-map. Policies: fail, warn, keep, strip.
         */
        public Builder missing(String spec) {
            for (Map.Entry<String, String> entry : KeyValues.parse(spec, "onMissing").entrySet()) {
                missing(parseEnum(ReferenceGroup.class, entry.getKey(), "onMissing group"),
                        parseEnum(MissingPolicy.class, entry.getValue(), "onMissing policy"));
            }
            return this;
        }

        private static <E extends Enum<E>> E parseEnum(Class<E> type, String text, String what) {
            for (E value : type.getEnumConstants()) {
                if (value.name().replace('_', '-').equalsIgnoreCase(text.trim())) {
                    return value;
                }
            }
            throw new IllegalArgumentException(what + " '" + text + "' is unknown; use one of " + String.join(", ",
                    Arrays.stream(type.getEnumConstants())
                            .map(v -> v.name().replace('_', '-').toLowerCase(Locale.ROOT)).toList()));
        }

        public Builder missing(ReferenceGroup group, MissingPolicy policy) {
            if (policy == MissingPolicy.STRIP && group != ReferenceGroup.SOURCE_MAP) {
                throw new IllegalArgumentException("only source-map references can be stripped, not " + group);
            }
            missing.put(group, Objects.requireNonNull(policy, "policy"));
            return this;
        }

        /** Also write each hashed asset under its original name, for URLs that do not come from the site. */
        public Builder keepOriginals(boolean keep) {
            this.keepOriginals = keep;
            return this;
        }

        /**
         * Hard-link the files published unchanged (images, fonts, media: most of a site's bytes; text files with
         * nothing to rewrite) from the site instead of copying them, where the file system allows; default false,
         * since linked build output aliases the sources: a tool that later writes a site file in place would
         * change the staged release too.
         */
        public Builder linkFiles(boolean link) {
            this.linkFiles = link;
            return this;
        }

        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1, was " + threads);
            }
            this.threads = threads;
            return this;
        }

        public HasherConfig build() {
            if (siteDirectory.toAbsolutePath().normalize().equals(outputDirectory.toAbsolutePath().normalize())) {
                throw new IllegalArgumentException("the output folder must not be the site folder: " + siteDirectory);
            }
            return new HasherConfig(this);
        }

        private static List<String> nonEmpty(List<String> globs, String what) {
            if (globs.isEmpty()) {
                throw new IllegalArgumentException(what + " needs at least one pattern");
            }
            return List.copyOf(globs);
        }
    }
}
