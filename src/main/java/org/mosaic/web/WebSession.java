package org.mosaic.web;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.mosaic.store.WebUser;

/**
 * One browser's session: its CSRF token, the signed-in user (null before login) and the class boards being edited,
 * by school. Kept in memory: a restart signs everyone out, and unsaved boards are lost (saved versions are not).
 */
public final class WebSession {
    final String id;
    final String csrf;
    final WebUser user;
    volatile long lastSeenMillis;
    final Map<String, Board> boards = new ConcurrentHashMap<>();
    final Map<String, String> jobBySchool = new ConcurrentHashMap<>();

    WebSession(String id, String csrf, WebUser user, long now) {
        this.id = id;
        this.csrf = csrf;
        this.user = user;
        this.lastSeenMillis = now;
    }

    public WebUser user() {
        return user;
    }

    public String csrf() {
        return csrf;
    }
}
