-- Plain-language reasons for families ("a lower lottery number is admitted first; ...") run past 200 characters,
-- and a cut reason reads as a wrong one. SET DATA TYPE is the standard form that PostgreSQL and H2 both accept.
ALTER TABLE run_assignments ALTER COLUMN reason SET DATA TYPE VARCHAR(4000);
