package org.mosaic.web;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.mosaic.store.WebUser;

/**
 * Session ids and CSRF tokens: 256 random bits each. Signing in creates a new session (a new id) and drops the
 * anonymous one, so an id planted before login is worthless after it. Sessions idle for {@code idleMillis} expire.
 */
public final class Sessions {
    public static final String COOKIE = "mosaic_session";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, WebSession> byId = new ConcurrentHashMap<>();
    private final long idleMillis;

    public Sessions(long idleMillis) {
        this.idleMillis = idleMillis;
    }

    static String token() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    public WebSession anonymous() {
        return put(new WebSession(token(), token(), null, System.currentTimeMillis()));
    }

    /** Replaces {@code old} (if any) by a fresh session of {@code user}: new id, new CSRF token. */
    public WebSession signIn(WebSession old, WebUser user) {
        if (old != null) {
            byId.remove(old.id);
        }
        return put(new WebSession(token(), token(), user, System.currentTimeMillis()));
    }

    public void end(WebSession s) {
        if (s != null) {
            byId.remove(s.id);
        }
    }

    /** Ends every session of a user (after a password change or removal). */
    public void endAll(String username) {
        byId.values().removeIf(s -> s.user != null && s.user.username().equals(username));
    }

    public Optional<WebSession> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        WebSession s = byId.get(id);
        long now = System.currentTimeMillis();
        if (s == null || now - s.lastSeenMillis > idleMillis) {
            if (s != null) {
                byId.remove(id);
            }
            return Optional.empty();
        }
        s.lastSeenMillis = now;
        return Optional.of(s);
    }

    /** Constant-time comparison, so the token cannot be guessed byte by byte from response times. */
    static boolean sameToken(String expected, String given) {
        return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8));
    }

    private WebSession put(WebSession s) {
        long now = System.currentTimeMillis();
        byId.values().removeIf(x -> now - x.lastSeenMillis > idleMillis);
        byId.put(s.id, s);
        return s;
    }
}
