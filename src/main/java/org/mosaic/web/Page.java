package org.mosaic.web;

/** What every page's frame needs: its title, who is signed in (null on the login page) and the CSRF token. */
public record Page(String title, String username, String role, String csrf, boolean admin) {
}
