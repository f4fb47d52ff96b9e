-- How a body was cut: the body's line numbers of each part, in order ("1-41,83;42-82" - parts separated by ';',
-- ranges by ','). A body sent in the background again is cut the same way, so the parts stored the first time meet
-- themselves as duplicates, even when its lines would group differently now (a patient sent meanwhile makes a line
-- refused before resolve, and it would join another part and change that part's bytes). Null for bodies cut before.
-- No personal data: line numbers.
alter table ingest_body_cut add column part_lines text;
