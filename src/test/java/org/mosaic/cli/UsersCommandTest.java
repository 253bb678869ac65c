package org.mosaic.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mosaic.store.DbUrl;
import org.mosaic.store.WebStore;

class UsersCommandTest {
    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private static Run mosaic(String stdin, String... args) {
        InputStream saved = System.in;
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        try {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = MosaicCli.newCommandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                    .execute(args);
            return new Run(code, out.toString(), err.toString());
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void addListPasswdRemoveWithPasswordsFromStandardInput() {
        String url = "jdbc:h2:file:" + dir.resolve("mosaic");
        Run add = mosaic("a long secret 1\n", "users", "add", "--db", url, "--user", "pat", "--role", "principal",
                "--school", "elmhurst");
        assertThat(add.code()).as(add.err()).isZero();
        assertThat(add.out()).contains("Added pat (principal, school elmhurst)");
        assertThat(mosaic("", "users", "add", "--db", url, "--user", "ann", "--role", "admin").code())
                .as("no password, no user").isEqualTo(2);
        assertThat(mosaic("short\n", "users", "add", "--db", url, "--user", "ann", "--role", "admin").err())
                .contains("at least 12 characters");
        assertThat(mosaic("a long secret 2\n", "users", "add", "--db", url, "--user", "tee", "--role", "teacher",
                "--school", "elmhurst").err()).contains("--section ID is required");
        assertThat(mosaic("a long secret 2\n", "users", "add", "--db", url, "--user", "x", "--role", "janitor")
                .err()).contains("--role 'janitor'");

        Run list = mosaic("", "users", "list", "--db", url);
        assertThat(list.out()).contains("pat").contains("principal").contains("elmhurst")
                .doesNotContain("a long secret").doesNotContain("$2a$");

        try (WebStore store = WebStore.open(new DbUrl(url, null, null))) {
            assertThat(store.authenticate("pat", "a long secret 1".toCharArray())).isPresent();
        }
        assertThat(mosaic("another secret 3\n", "users", "passwd", "--db", url, "--user", "pat").code()).isZero();
        try (WebStore store = WebStore.open(new DbUrl(url, null, null))) {
            assertThat(store.authenticate("pat", "a long secret 1".toCharArray())).isEmpty();
            assertThat(store.authenticate("pat", "another secret 3".toCharArray())).isPresent();
        }
        assertThat(mosaic("", "users", "remove", "--db", url, "--user", "pat").code()).isZero();
        assertThat(mosaic("", "users", "remove", "--db", url, "--user", "pat").code()).isEqualTo(2);
        assertThat(mosaic("", "users", "list", "--db", url).out()).doesNotContain("pat");
    }
}
