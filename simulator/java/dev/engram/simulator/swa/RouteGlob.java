package dev.engram.simulator.swa;

import java.util.Arrays;
import java.util.List;

/**
 * A {@code staticwebapp.config.json} route pattern (swa-routing.md rule 3): an exact path, or a glob with exactly
 * one {@code *} that is either trailing ({@code /admin*}, {@code /api/*}) or followed only by an extension or a
 * brace list of extensions ({@code /img/*.{png,jpg}}, {@code *.css}). Any other glob is invalid and never matches.
 */
public final class RouteGlob {
    private final String pattern;
    private final String prefix;
    private final List<String> suffixes;
    private final boolean valid;

    private RouteGlob(String pattern, String prefix, List<String> suffixes, boolean valid) {
        this.pattern = pattern;
        this.prefix = prefix;
        this.suffixes = suffixes;
        this.valid = valid;
    }

    public static RouteGlob of(String pattern) {
        int star = pattern.indexOf('*');
        if (star < 0) {
            return new RouteGlob(pattern, pattern, null, true);
        }
        if (pattern.indexOf('*', star + 1) >= 0) {
            return new RouteGlob(pattern, null, null, false);
        }
        String prefix = pattern.substring(0, star);
        String rest = pattern.substring(star + 1);
        if (rest.isEmpty()) {
            return new RouteGlob(pattern, prefix, List.of(), true);
        }
        if (rest.matches("\\.[A-Za-z0-9_-]+")) {
            return new RouteGlob(pattern, prefix, List.of(rest), true);
        }
        if (rest.matches("\\.\\{[A-Za-z0-9_-]+(,[A-Za-z0-9_-]+)*}")) {
            return new RouteGlob(pattern, prefix, Arrays.stream(rest.substring(2, rest.length() - 1).split(","))
                    .map(ext -> "." + ext).toList(), true);
        }
        return new RouteGlob(pattern, null, null, false);
    }

    public boolean valid() {
        return valid;
    }


    /** Matches a decoded path without its query. */
    public boolean matches(String path) {
        if (!valid) {
            return false;
        }
        if (suffixes == null) {
            return path.equals(prefix);
        }
        if (!path.startsWith(prefix)) {
            return false;
        }
        return suffixes.isEmpty() || suffixes.stream().anyMatch(path::endsWith);
    }

    @Override
    public String toString() {
        return pattern;
    }
}
