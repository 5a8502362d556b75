package dev.hourglass.backend.security;

/** Admins manage nodes, teams and quotas; members act within their team. */
public enum Role {
    ADMIN,
    MEMBER
}
