package dev.zdd.hasher.check;

import java.util.Locale;

/** The kinds of file size budgets are set for. Source maps count as OTHER: browsers load them only for devtools. */
public enum SizeCategory {
    HTML, CSS, JS, IMAGES, FONTS, OTHER;

    public static SizeCategory of(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        String extension = name.substring(name.lastIndexOf('.') + 1);
        return switch (extension) {
            case "html", "htm", "xhtml" -> HTML;
            case "css" -> CSS;
            case "js", "mjs", "cjs" -> JS;
            case "png", "jpg", "jpeg", "gif", "webp", "avif", "svg", "ico", "bmp", "apng", "jxl", "cur" -> IMAGES;
            case "woff", "woff2", "ttf", "otf", "eot" -> FONTS;
            default -> OTHER;
        };
    }

    /** The name used in configuration and reports: {@code html}, {@code css}, ... */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SizeCategory fromId(String id) {
        for (SizeCategory category : values()) {
            if (category.id().equalsIgnoreCase(id.trim())) {
                return category;
            }
        }
        throw new IllegalArgumentException("unknown file type '" + id + "'; use one of html, css, js, images,"
                + " fonts, other");
    }
}
