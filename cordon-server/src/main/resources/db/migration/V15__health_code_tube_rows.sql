-- One row for the same lab result of every member of a tube (HealthCodeStore, FactCodec.tube): a city's
-- round of 500,000 pooled tubes is 500,000 fact rows instead of 5,000,000. Such a row has no person_id;
-- members lists "personId@epochSeconds[.nanos]" of each member (their sample time), space-separated.
alter table health_code_fact alter column person_id drop not null;
alter table health_code_fact add column members text;
alter table health_code_fact_archive alter column person_id drop not null;
alter table health_code_fact_archive add column members text;
