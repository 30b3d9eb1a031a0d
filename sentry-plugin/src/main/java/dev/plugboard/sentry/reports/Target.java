package dev.plugboard.sentry.reports;

import java.util.List;
import java.util.Objects;

/**
 * One thing a report pages through: a project, a team (with its projects' ids, for event counts), an issue, or the
 * organization itself ({@link #ORGANIZATION}).
 *
 * @param id         the project, team or issue id
 * @param slug       its slug (an issue's id again)
 * @param projectIds a team's project ids (event counts per team), else empty
 */
record Target(String id, String slug, List<String> projectIds) {
    /** The single target of an organization-wide report. */
    static final Target ORGANIZATION = new Target("-", "-", List.of());

    Target {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(slug, "slug");
        projectIds = List.copyOf(projectIds);
    }

    static Target of(String id, String slug) {
        return new Target(id, slug, List.of());
    }
}
