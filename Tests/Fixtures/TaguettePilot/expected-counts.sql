-- The independent count: participants and highlights per code, country and role, straight from Taguette's own database
-- (project.sqlite3, exported by Taguette), with the document and tag mappings of study.yml and
-- code-map.yml written out by hand. Run: sqlite3 -csv -header project.sqlite3 < expected-counts.sql
WITH participant(document, id, country, role) AS (VALUES
    ('Almaty interview 1', 'KZP01', 'KZ', 'mother'), ('Almaty interview 2', 'KZP02', 'KZ', 'father'),
    ('Astana interview 3', 'KZT01', 'KZ', 'teacher'), ('Leeds interview 1', 'UKP01', 'UK', 'mother'),
    ('Leeds interview 2', 'UKP02', 'UK', 'grandparent'), ('Leeds interview 3', 'UKT01', 'UK', 'teacher')),
code(path, id) AS (VALUES
    ('barrier/busy-job', 'bar_busy_job'), ('Barrier/Low confidence', 'bar_low_efficacy'),
    ('barrier/язык обучения', 'bar_instruction_language'), ('role/communicator', 'role_communicator'),
    ('role/home teacher', 'role_home_teacher'), ('activity/parent meetings', 'act_parent_meetings'),
    ('activity/open day', 'act_open_day'))
SELECT code.id AS code, participant.country, participant.role, COUNT(DISTINCT participant.id) AS participants,
    COUNT(DISTINCT highlights.id) AS highlights
FROM highlights
JOIN highlight_tags ON highlight_tags.highlight_id = highlights.id
JOIN tags ON tags.id = highlight_tags.tag_id
JOIN code ON code.path = tags.path
JOIN documents ON documents.id = highlights.document_id
JOIN participant ON participant.document = documents.name
GROUP BY code.id, participant.country, participant.role
ORDER BY code.id, participant.country, participant.role;
