package org.mosaic.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Sign-in, sessions, CSRF, rate limits and headers, through HTTP as a browser sends it. */
class WebSecurityTest {
    private static WebFixture f;

    @BeforeAll
    static void start() {
        f = WebFixture.shared();
    }

    @Test
    void theLoginFormPostsUsernamePasswordAndAHiddenCsrfToken() {
        HttpResponse<String> r = f.client().get("/login");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("<form method=\"post\" action=\"/login\"", "name=\"username\"",
                "name=\"password\"", "type=\"hidden\" name=\"_csrf\" value=\"");
    }

    @Test
    void theSessionCookieIsHttpOnlyAndSameSiteLaxAndNotSecureOverPlainHttp() {
        HttpResponse<String> r = f.client().get("/login");
        String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("mosaic_session=").contains("HttpOnly", "SameSite=Lax", "Path=/")
                .doesNotContain("Secure");
    }

    @Test
    void theSessionIdChangesAtLogin() {
        WebFixture.Client c = f.client();
        c.get("/login");
        String before = c.cookie;
        HttpResponse<String> r = c.post("/login", Map.of("username", "admin", "password", WebFixture.PASSWORD,
                "_csrf", c.csrf));
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(c.cookie).isNotNull().isNotEqualTo(before);
        // The pre-login id no longer signs anyone in.
        WebFixture.Client old = f.client();
        old.cookie = before;
        assertThat(old.get("/api/me").statusCode()).isEqualTo(401);
        assertThat(c.get("/api/me").body()).contains("\"username\":\"admin\"");
    }

    @Test
    void aLoginWithoutTheCsrfTokenIsRefused() {
        WebFixture.Client c = f.client();
        c.get("/login");
        HttpResponse<String> r = c.post("/login", Map.of("username", "admin", "password", WebFixture.PASSWORD));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(c.get("/api/me").statusCode()).isEqualTo(401);
    }

    @Test
    void aWrongPasswordIsRefusedWithoutSayingWhichPartWasWrong() {
        WebFixture.Client c = f.client();
        HttpResponse<String> wrong = c.login("counselor-a", "not the password");
        HttpResponse<String> unknown = f.client().login("nobody-at-all", "not the password");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).contains("The user name or password is wrong.");
        assertThat(unknown.body()).contains("The user name or password is wrong.");
    }

    @Test
    void loginsAreRateLimitedPerUserName() {
        for (int i = 0; i < 3; i++) {
            assertThat(f.client().login("throttled", "guess " + i).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> blocked = f.client().login("throttled", WebFixture.PASSWORD);
        assertThat(blocked.statusCode()).isEqualTo(429);
        assertThat(blocked.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void logoutEndsTheSession() {
        WebFixture.Client c = f.client().signedIn("admin");
        assertThat(c.get("/api/me").statusCode()).isEqualTo(200);
        String session = c.cookie;
        HttpResponse<String> out = c.postForm("/logout", Map.of());
        assertThat(out.statusCode()).isEqualTo(302);
        WebFixture.Client again = f.client();
        again.cookie = session;
        assertThat(again.get("/api/me").statusCode()).isEqualTo(401);
    }

    @Test
    void aFormPostWithoutTheCsrfTokenIsRefused() {
        WebFixture.Client c = f.client().signedIn("principal-a");
        HttpResponse<String> r = c.post("/schools/elmhurst/classes/solve", Map.of("grade", "6"));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("CSRF");
        HttpResponse<String> wrong = c.post("/logout", Map.of("_csrf", "forged"));
        assertThat(wrong.statusCode()).isEqualTo(403);
    }

    @Test
    void signedOutPagesRedirectToTheLoginAndTheApiAnswers401() {
        HttpResponse<String> page = f.client().get("/schools/elmhurst/classes");
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location")).hasValue("/login");
        HttpResponse<String> api = f.client().get("/api/schools");
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(api.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(api.body()).contains("\"status\":401");
    }

    @Test
    void everyResponseCarriesTheSecurityHeaders() {
        for (String path : new String[] {"/login", "/api/schools", "/static/mosaic.js",
                "/webjars/htmx.org/2.0.4/dist/htmx.min.js"}) {
            HttpResponse<String> r = f.client().get(path);
            String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
            assertThat(csp).as(path).contains("script-src 'self'", "frame-ancestors 'none'");
            String scriptSrc = csp.substring(csp.indexOf("script-src"), csp.indexOf(';', csp.indexOf("script-src")));
            assertThat(scriptSrc).as(path).doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
            assertThat(r.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
            assertThat(r.headers().firstValue("Referrer-Policy")).as(path).hasValue("no-referrer");
        }
    }

    @Test
    void pagesHaveNoInlineScriptAndLoadHtmxAndEchartsFromThisServer() {
        WebFixture.Client c = f.client().signedIn("principal-a");
        String page = c.get("/schools/elmhurst/classes").body();
        assertThat(page).doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>").doesNotContain("onclick=")
                .doesNotContain("http://").doesNotContain("https://");
        assertThat(page).contains("/webjars/htmx.org/", "/webjars/echarts/");
        assertThat(c.get("/webjars/htmx.org/2.0.4/dist/htmx.min.js").statusCode()).isEqualTo(200);
        assertThat(c.get("/webjars/echarts/5.3.1/dist/echarts.min.js").statusCode()).isEqualTo(200);
    }
}
