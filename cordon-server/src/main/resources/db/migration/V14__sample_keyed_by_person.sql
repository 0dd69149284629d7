-- sample with one index fewer (issue 5, registration speed): every index is written once per sample,
-- hundreds of thousands of times a round. Readers of sample: by tube (a lab result's members:
-- sample_tube, kept), by person (the checks of a registration, key groups, the missed list: all name
-- the person, most also the campaign), and a whole campaign (a round rebuilt from the tables, which
-- reads all of the campaign's rows and sorts them). The primary key now leads with the person, so it
-- serves the lookups by person that sample_person served, and sample_person goes; reading a whole
-- campaign becomes a sequential scan of the table (it read most of it while one round dominates).
-- The constraint's name is V11's, on PostgreSQL and H2 alike.
alter table sample drop constraint sample_pkey;
alter table sample add constraint sample_pkey primary key (person_id, campaign_id, purpose);
drop index sample_person;
