package org.mosaic.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Upload: problems listed as the CLI lists them and nothing saved, then a valid upload saved as a new version. */
class WebUploadTest {
    @TempDir
    Path dir;

    private static HttpResponse<String> upload(WebFixture f, WebFixture.Client c, String name, Path zip)
            throws Exception {
        String boundary = "----mosaic" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + c.csrf
                + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\n" + name
                + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"data.zip\"\r\n"
                + "Content-Type: application/zip\r\n\r\n";
        body.write(head.getBytes(StandardCharsets.UTF_8));
        body.write(Files.readAllBytes(zip));
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return c.send(HttpRequest.newBuilder(URI.create(f.base() + "/data"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    @Test
    void anInvalidZipIsListedByFileLineAndColumnAndNothingIsSavedThenAValidOneIsSaved() throws Exception {
        WebFixture f = WebFixture.shared();
        WebFixture.Client admin = f.client().signedIn("admin");
        int before = f.server.builder().datasets().list().size();

        HttpResponse<String> bad = upload(f, admin, "broken", DatasetZips.zip(f.data, dir, true));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("nothing was saved").containsPattern("students\\.csv, line 3, column \\d+ "
                + "\\(grade\\): found 'thirteen'; expected");
        assertThat(f.server.builder().datasets().list()).hasSize(before);

        HttpResponse<String> good = upload(f, admin, "two-schools-again", DatasetZips.zip(f.data, dir, false));
        assertThat(good.statusCode()).as(good.body()).isEqualTo(200);
        assertThat(good.body()).contains("Saved dataset 'two-schools-again'").contains("750 students");
        assertThat(f.server.builder().datasets().list()).hasSize(before + 1);
        assertThat(f.server.builder().currentInfo().name()).isEqualTo("two-schools-again");

        HttpResponse<String> notZip = upload(f, admin, "junk", Files.writeString(dir.resolve("x.zip"), "hello"));
        assertThat(notZip.statusCode()).isEqualTo(400);
        assertThat(notZip.body()).contains("zip");
        assertThat(f.client().signedIn("principal-a").get("/data").statusCode()).isEqualTo(403);
    }
}
