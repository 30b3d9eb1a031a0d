package dev.plugboard.simulator.auth;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Sentry's scopes and their implications: {@code admin} implies {@code write} implies {@code read};
 * {@code member:write} implies {@code member:invite}. */
public final class Scopes {
    /** Every scope a token can hold. */
    public static final List<String> ALL = List.of("org:read", "org:write", "org:admin", "org:integrations",
            "org:ci", "member:invite", "member:read", "member:write", "member:admin", "team:read", "team:write",
            "team:admin", "project:read", "project:write", "project:admin", "project:releases",
            "project:distribution", "event:read", "event:write", "event:admin", "alerts:read", "alerts:write");

    /** The read scopes an internal integration for a connector asks for. */
    public static final List<String> READ = List.of("org:read", "member:read", "team:read", "project:read",
            "event:read");

    private Scopes() {
    }

    /** The scopes held, plus those they imply. */
    public static Set<String> expand(Collection<String> held) {
        Set<String> out = new LinkedHashSet<>(held);
        for (String s : held) {
            int colon = s.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String resource = s.substring(0, colon);
            String level = s.substring(colon + 1);
            if (level.equals("admin")) {
                out.add(resource + ":write");
                out.add(resource + ":read");
            } else if (level.equals("write")) {
                out.add(resource + ":read");
            }
            if (resource.equals("member") && (level.equals("admin") || level.equals("write"))) {
                out.add("member:invite");
            }
        }
        return out;
    }

    /** Whether a scope string is one Sentry knows. */
    public static boolean known(String scope) {
        return ALL.contains(scope);
    }
}
