package dev.plugboard.sentry.provisioning;

import java.util.Objects;

/**
 * A team as the teams listing describes it.
 *
 * <p>Messages name a team one way: {@code team 'backend' (team:5)}, the slug people know and the id a sync and
 * {@code grant} use; when only one of them is known, only that part: {@code team 'backend'} or {@code team:5}.
 *
 * @param id              Sentry's team id
 * @param slug            its slug (what a member's {@code teams} list holds)
 * @param idpProvisioned  whether an identity provider manages its membership ({@code flags.idp:provisioned})
 */
record TeamInfo(String id, String slug, boolean idpProvisioned) {

    TeamInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(slug, "slug");
    }

    /** @return e.g. {@code team 'backend' (team:5)} */
    String describe() {
        return id.isEmpty() ? describe(slug) : slug.isEmpty() ? describe(id) : "team '" + slug + "' (team:" + id + ")";
    }

    /**
     * A team known only by what the caller gave or Sentry answered, an id or a slug: Sentry's slugs are never all
     * digits (getsentry/sentry src/sentry/api/fields/sentry_slug.py, {@code MIXED_SLUG_PATTERN}), ids always are.
     *
     * @param idOrSlug a team id or slug
     * @return {@code team:5} for an id, {@code team 'backend'} for a slug
     */
    static String describe(String idOrSlug) {
        return !idOrSlug.isEmpty() && idOrSlug.chars().allMatch(c -> c >= '0' && c <= '9') ? "team:" + idOrSlug
                : "team '" + idOrSlug + "'";
    }
}
