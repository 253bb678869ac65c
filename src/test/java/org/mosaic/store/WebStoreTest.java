package org.mosaic.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.mosaic.model.BadInputException;

class WebStoreTest {
    private static DbUrl fresh() {
        return new DbUrl("jdbc:h2:mem:webstore-" + UUID.randomUUID(), null, null);
    }

    @Test
    void passwordsAreStoredAsBcryptHashesNeverAsText() throws Exception {
        DbUrl db = fresh();
        try (WebStore s = WebStore.open(db, 4)) {
            s.addUser("pat", WebRole.COUNSELOR, "elmhurst", null, "a long secret 1".toCharArray());
            try (var c = DriverManager.getConnection(db.url());
                 ResultSet rs = c.createStatement().executeQuery("SELECT password_hash FROM web_users")) {
                rs.next();
                assertThat(rs.getString(1)).startsWith("$2a$04$").doesNotContain("secret");
            }
            assertThat(s.authenticate("pat", "a long secret 1".toCharArray())).map(WebUser::role)
                    .hasValue(WebRole.COUNSELOR);
            assertThat(s.authenticate("pat", "a long secret 2".toCharArray())).isEmpty();
            assertThat(s.authenticate("nobody", "a long secret 1".toCharArray())).isEmpty();
            assertThatThrownBy(() -> s.addUser("pat", WebRole.ADMIN, null, null, "a long secret 1".toCharArray()))
                    .isInstanceOf(BadInputException.class).hasMessageContaining("already exists");
        }
    }

    @Test
    void theDemoUsersGetFreshRandomPasswordsThatSignInAndAReRunReplacesThem() {
        try (WebStore s = WebStore.open(fresh(), 4)) {
            List<DemoLogin> first = s.createDemoUsers("elmhurst", "elmhurst-g6-math-1", "other");
            assertThat(first).extracting(DemoLogin::username).containsExactly("demo-admin", "demo-principal",
                    "demo-counselor", "demo-teacher", "demo-principal-2");
            for (DemoLogin l : first) {
                assertThat(l.password()).hasSize(16);
                assertThat(s.authenticate(l.username(), l.password().toCharArray())).isPresent();
            }
            assertThat(first).extracting(DemoLogin::password).doesNotHaveDuplicates();
            List<DemoLogin> again = s.createDemoUsers("elmhurst", "elmhurst-g6-math-1", "other");
            assertThat(s.authenticate("demo-admin", first.get(0).password().toCharArray())).isEmpty();
            assertThat(s.authenticate("demo-admin", again.get(0).password().toCharArray())).isPresent();
            assertThat(s.listUsers()).hasSize(5);
        }
    }

    @Test
    void theAuditLogOnlyGrowsAndReadsNewestFirst() {
        try (WebStore s = WebStore.open(fresh(), 4)) {
            s.audit("pat", "login", "");
            s.audit("pat", "view-classes", "dataset 1 school elmhurst");
            List<AuditEntry> log = s.auditLog(10);
            assertThat(log).extracting(AuditEntry::action).containsExactly("view-classes", "login");
            assertThat(log.get(0).id()).isGreaterThan(log.get(1).id());
            assertThat(WebStore.class.getMethods()).extracting(java.lang.reflect.Method::getName)
                    .filteredOn(n -> n.toLowerCase().contains("audit")).containsOnly("audit", "auditLog");
        }
    }

    @Test
    void classListsAreVersionedByName() throws Exception {
        DbUrl db = fresh();
        long dataset;
        try (MosaicStore m = MosaicStore.open(db)) {
            dataset = m.save(SyntheticDataset.of(50, 2), "d", "test");
        }
        try (WebStore s = WebStore.open(db, 4)) {
            ClassListVersion v1 = s.saveClassList(dataset, "elmhurst", "spring", "pat", "{}", "{\"a\":\"x\"}");
            ClassListVersion v2 = s.saveClassList(dataset, "elmhurst", "spring", "pat", "{}", "{\"a\":\"y\"}");
            ClassListVersion other = s.saveClassList(dataset, "elmhurst", "fall", "pat", "{}", "{}");
            assertThat(List.of(v1.version(), v2.version(), other.version())).containsExactly(1, 2, 1);
            assertThat(s.classLists(dataset, "elmhurst")).hasSize(3);
            assertThat(s.classLists(dataset, "lakeside")).isEmpty();
            assertThat(s.classList(v2.id()).orElseThrow().placementJson()).isEqualTo("{\"a\":\"y\"}");
        }
    }
}
