package dev.plugboard.spi;

/** What kind of thing a resource type is, so hosts and reviewers can treat alike things alike. */
public enum Trait {
    /** A person or a service account: a principal that holds grants. */
    USER,
    /** A set of principals (a team, a group); its members hold what it holds when a grant is expandable. */
    GROUP,
    /** A role that confers permissions when assigned. */
    ROLE,
    /** An application or project that access is granted to. */
    APP,
    /** The top-level tenant (an organization, an account). */
    ORGANIZATION
}
