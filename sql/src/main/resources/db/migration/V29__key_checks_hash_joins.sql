-- V28 turned hash and merge joins off in the key checks so that they probe the parent's index.
-- That also turned the UPDATE checks' comparison of the new rows with the old ones (two
-- transition tables, no index) into a nested loop: quadratic in the rows one statement updates
-- (an import batch re-importing 20,000 known contacts, a cancelled campaign's recipients).
-- Sequential scans alone stay off: every join with a parent table still probes its index (or, for
-- many keys, reads it whole once), and the transition tables are joined by hashing.
ALTER FUNCTION heron_check_parent_keys() RESET enable_hashjoin;
ALTER FUNCTION heron_check_parent_keys() RESET enable_mergejoin;
ALTER FUNCTION heron_check_recipient_contacts() RESET enable_hashjoin;
ALTER FUNCTION heron_check_recipient_contacts() RESET enable_mergejoin;
