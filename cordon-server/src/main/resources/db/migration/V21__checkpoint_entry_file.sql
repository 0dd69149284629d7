-- How far each checkpoint entry file (a server's local journal of venue checks, synced before a
-- check is answered) has been moved into checkpoint_check and venue_scan. The loader advances
-- loaded_seq in the transaction that stores the entries, so after a crash it resumes exactly after
-- the last stored entry: none twice, none skipped.
create table checkpoint_entry_file (
  file_id varchar(64) primary key,
  loaded_seq bigint not null,
  loaded_at timestamp with time zone not null
);
