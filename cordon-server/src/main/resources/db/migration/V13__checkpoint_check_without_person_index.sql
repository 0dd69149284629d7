-- Nothing reads checkpoint_check by person (the ledger's reload reads it by checked_at; who was where
-- is venue_scan's), and every group commit of the venue checkpoint paid a random-page insert into this
-- index for each check. A query by person over checks can scan the time range it needs.
drop index checkpoint_check_person;
