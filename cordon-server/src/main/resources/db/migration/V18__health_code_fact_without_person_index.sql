-- Nothing reads health_code_fact by person: the start-up replay reads every row in fact_id order, and a
-- person's facts are the engine's, in memory. A lab round's tube rows (person_id null, one per tube: V15)
-- all went into the index as nulls: 500,000 entries for a round of 5M. Copying 100,000 tube rows took
-- 0.41-0.51 s without an index on person_id, 0.51-0.59 s with it (psql on this machine, issue 5).
drop index health_code_fact_person;
