package org.mosaic.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.mosaic.model.BadInputException;
import org.mosaic.store.DbUrl;
import org.mosaic.store.WebRole;
import org.mosaic.store.WebStore;
import org.mosaic.store.WebUser;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mosaic users}: the accounts of {@code mosaic serve}. Passwords come from standard input, never options. */
@Command(name = "users", mixinStandardHelpOptions = true,
        description = {"Manage who may sign in to `mosaic serve`: admin (every school), principal or counselor "
                + "(their school), teacher (their section). Passwords (at least 12 characters) are read from "
                + "standard input and stored as bcrypt hashes; there is no default password."},
        subcommands = {UsersCommand.Add.class, UsersCommand.ListUsers.class, UsersCommand.Remove.class,
                UsersCommand.Passwd.class},
        footer = {"", "Examples:",
                "  mosaic users add --user pat --role principal --school elmhurst < password.txt",
                "  mosaic users list"})
public final class UsersCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    abstract static class Sub implements Callable<Integer> {
        @Option(names = "--db", paramLabel = "URL", description = "JDBC URL (default: as `mosaic serve`).")
        String db;

        @Spec
        CommandSpec spec;

        DbUrl url() {
            return ServeCommand.resolve(db);
        }

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        /** One line from standard input, or a hidden prompt on a terminal. */
        static char[] password() {
            Console console = System.console();
            if (console != null) {
                char[] p = console.readPassword("Password: ");
                char[] again = console.readPassword("Again: ");
                if (p == null || !java.util.Arrays.equals(p, again)) {
                    throw new BadInputException("the two passwords differ; run the command again");
                }
                return p;
            }
            try {
                String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                        .readLine();
                if (line == null || line.isEmpty()) {
                    throw new BadInputException("a password on standard input (at least " + WebStore.MIN_PASSWORD
                            + " characters), e.g. `mosaic users add ... < password.txt`");
                }
                return line.toCharArray();
            } catch (IOException e) {
                throw new BadInputException("could not read the password from standard input: " + e.getMessage());
            }
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a user; the password is read from "
            + "standard input.")
    static final class Add extends Sub {
        @Option(names = "--user", required = true, description = "User name (letters, digits, . _ @ -).")
        String user;

        @Option(names = "--role", required = true, description = "admin, principal, counselor or teacher.")
        String role;

        @Option(names = "--school", description = "School id (principal, counselor, teacher).")
        String school;

        @Option(names = "--section", description = "Section id (teacher).")
        String section;

        @Override
        public Integer call() {
            WebRole r = WebRole.parse(role.toLowerCase(Locale.ROOT)).orElseThrow(() -> new BadInputException(
                    "--role '" + role + "': use admin, principal, counselor or teacher"));
            try (WebStore store = WebStore.open(url())) {
                WebUser u = store.addUser(user, r, school, section, password());
                out().printf("Added %s (%s%s).%n", u.username(), u.role().code(), u.schoolId() == null ? ""
                        : ", school " + u.schoolId() + (u.sectionId() == null ? "" : ", section " + u.sectionId()));
            }
            out().flush();
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the users (never passwords).")
    static final class ListUsers extends Sub {
        @Override
        public Integer call() {
            try (WebStore store = WebStore.open(url())) {
                out().printf("%-24s %-10s %-16s %s%n", "user", "role", "school", "section");
                for (WebUser u : store.listUsers()) {
                    out().printf("%-24s %-10s %-16s %s%n", u.username(), u.role().code(),
                            u.schoolId() == null ? "(all)" : u.schoolId(), u.sectionId() == null ? "" : u.sectionId());
                }
            }
            out().flush();
            return 0;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a user.")
    static final class Remove extends Sub {
        @Option(names = "--user", required = true)
        String user;

        @Override
        public Integer call() {
            try (WebStore store = WebStore.open(url())) {
                if (!store.removeUser(user)) {
                    throw new BadInputException("--user '" + user + "' does not exist (see `mosaic users list`)");
                }
            }
            out().printf("Removed %s.%n", user);
            out().flush();
            return 0;
        }
    }

    @Command(name = "passwd", mixinStandardHelpOptions = true, description = "Set a user's password from "
            + "standard input.")
    static final class Passwd extends Sub {
        @Option(names = "--user", required = true)
        String user;

        @Override
        public Integer call() {
            try (WebStore store = WebStore.open(url())) {
                if (!store.setPassword(user, password())) {
                    throw new BadInputException("--user '" + user + "' does not exist (see `mosaic users list`)");
                }
            }
            out().printf("Changed the password of %s.%n", user);
            out().flush();
            return 0;
        }
    }
}
