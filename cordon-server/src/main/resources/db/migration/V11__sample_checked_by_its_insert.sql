-- sample without per-row foreign keys (issue 5, registration speed). Its four foreign keys (campaign,
-- person, tube, site) cost a lookup and a row lock (FOR KEY SHARE: a WAL record on the parent row) per
-- key and sample: 4/5 of the insert's time, the limit of registration at ~30k samples/s. They are
-- replaced by the insert itself: SampleRecords.insertSamples stores a sample only if its person exists
-- and its tube exists with the same campaign and site (which the tube's own foreign keys tie to
-- testing_campaign and sampling_site), and the batch rolls back whole if any row is left out. That is
-- what the keys checked on insert, once per batch and without locks; and stronger for the tube (the
-- sample's campaign and site are its tube's). What the keys also did, refuse to delete a person, tube,
-- site or campaign with samples, no code path does: nothing deletes those rows (a site closes down,
-- persons stay); a future deletion must deal with their samples. sample is the only table written
-- hundreds of thousands of times per round; the other foreign keys stay.
-- Portable (PostgreSQL and H2): the table is copied rather than its constraints dropped by name
-- (H2 names unnamed constraints differently).
create table sample_v11 (
    campaign_id  varchar(64)              not null,
    person_id    bigint                   not null,
    purpose      varchar(8)               not null,
    tube_barcode varchar(64)              not null,
    site_id      varchar(64)              not null,
    sampled_at   timestamp with time zone not null,
    collected_by varchar(64)              not null
);
insert into sample_v11 (campaign_id, person_id, purpose, tube_barcode, site_id, sampled_at, collected_by)
    select campaign_id, person_id, purpose, tube_barcode, site_id, sampled_at, collected_by from sample;
drop table sample;
alter table sample_v11 rename to sample;
alter table sample add constraint sample_pkey primary key (campaign_id, person_id, purpose);
alter table sample add constraint sample_purpose check (purpose in ('screen', 'retest'));
create index sample_tube on sample (tube_barcode);
create index sample_person on sample (person_id);
