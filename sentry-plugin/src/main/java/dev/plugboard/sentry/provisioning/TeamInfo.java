package dev.plugboard.sentry.provisioning;

import java.util.Objects;

/**
 * A team as the teams listing describes it.
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
        return "team '" + slug + "' (team:" + id + ")";
    }
}
