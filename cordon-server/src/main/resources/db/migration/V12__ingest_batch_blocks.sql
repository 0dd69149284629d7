-- Upload numbers are handed out in blocks of 64 (IngestBatches.BLOCK): one nextval serves 64 uploads
-- or checkpoint group commits. Numbers only need to ascend; the rest of a block is skipped on restart.
alter sequence ingest_batch_seq increment by 64;
