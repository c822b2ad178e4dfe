"""Drive a local Taguette 1.5.2 through its web API: a small KZ–UK pilot project, then its own exports.

Usage: make_pilot.py PORT TOKEN OUTDIR
"""
import html.parser, http.cookiejar, json, sys, urllib.parse, urllib.request, uuid

port, token, out = sys.argv[1], sys.argv[2], sys.argv[3]
base = 'http://127.0.0.1:%s' % port
jar = http.cookiejar.CookieJar()
opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))

def xsrf():
    return next(c.value for c in jar if c.name == '_xsrf')

def get(path):
    return opener.open(base + path).read()

def post_form(path, fields):
    fields = dict(fields, _xsrf=xsrf())
    return opener.open(urllib.request.Request(base + path, urllib.parse.urlencode(fields).encode())).read()

def post_json(path, obj):
    req = urllib.request.Request(base + path, json.dumps(obj).encode(),
                                 {'Content-Type': 'application/json', 'X-XSRFToken': xsrf()})
    return json.loads(opener.open(req).read())

def post_document(project, name, body):
    boundary = uuid.uuid4().hex
    parts = []
    for key, value in [('name', name), ('description', ''), ('_xsrf', xsrf())]:
        parts.append('--%s\r\nContent-Disposition: form-data; name="%s"\r\n\r\n%s\r\n' % (boundary, key, value))
    parts.append('--%s\r\nContent-Disposition: form-data; name="file"; filename="%s.html"\r\n'
                 'Content-Type: text/html\r\n\r\n%s\r\n' % (boundary, name.replace(' ', '_'), body))
    parts.append('--%s--\r\n' % boundary)
    req = urllib.request.Request(base + '/api/project/%d/document/new' % project, ''.join(parts).encode(),
                                 {'Content-Type': 'multipart/form-data; boundary=' + boundary, 'X-XSRFToken': xsrf()})
    return json.loads(opener.open(req).read())['created']

class Text(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.text = ''
    def handle_data(self, data):
        self.text += data

get('/?token=' + token)            # single-user login: sets the session and the _xsrf cookie
get('/project/new')
post_form('/project/new', {'name': 'KZ-UK pilot', 'description': 'Pilot coding of six interviews'})
project = 1

documents = {
    'Almaty interview 1': [
        'I work two shifts at the bazaar, so I am too tired in the evening to check homework.',
        'I go to every parent meeting and I write to the class teacher in the WhatsApp group.',
    ],
    'Almaty interview 2': [
        'Lessons are in Kazakh and at home we speak Russian, so I cannot follow what she learns.',
        'At the open day I saw the classroom for the first time.',
    ],
    'Astana interview 3': [
        'Many fathers say they have no time because of work.',
        'Parents who did not finish school think they cannot help, they do not believe in themselves.',
        'We send messages to parents every week; some answer, some never do.',
    ],
    'Leeds interview 1': [
        'Honestly I never felt clever enough to help with maths.',
        'We read together every night and I test him on his spellings.',
        'Parents evening is the only time I really talk to the teacher.',
    ],
    'Leeds interview 2': [
        'I pick her up because her mum works late, and I tell the teacher if something is wrong.',
        'The school put on an open day and I went with her.\nShe showed me her drawings.',
    ],
    'Leeds interview 3': [
        'Working parents cannot come at three o\'clock, so we moved meetings to the evening.',
        'Our newsletter goes out every Friday.',
    ],
}
doc_ids = {}
texts = {}
for name, paragraphs in documents.items():
    body = '<html><body>' + ''.join('<p>%s</p>' % p.replace('\n', '<br>') for p in paragraphs) + '</body></html>'
    doc_ids[name] = post_document(project, name, body)
    contents = json.loads(get('/api/project/%d/document/%d/contents' % (project, doc_ids[name])))
    parser = Text()
    parser.feed(''.join(chunk['contents'] for chunk in contents['contents']))
    texts[name] = parser.text

tags = {}
for path, description in [
    ('barrier/busy-job', 'No time because of work'),
    ('Barrier/Low confidence', 'Parent doubts own competence'),
    ('barrier/язык обучения', 'Language of instruction differs from home'),
    ('role/communicator', 'Parent keeps in touch with the school'),
    ('role/home teacher', 'Learning activities at home'),
    ('activity/parent meetings', 'Regular parent-teacher meetings'),
    ('activity/open day', 'Open day or open evening'),
    ('follow up', 'Memo: come back to this passage'),
]:
    tags[path] = post_json('/api/project/%d/tag/new' % project, {'path': path, 'description': description})['id']

def highlight(document, phrase, *tag_paths):
    text = texts[document]
    start = text.index(phrase)
    start_b = len(text[:start].encode('utf-8'))
    end_b = start_b + len(phrase.encode('utf-8'))
    post_json('/api/project/%d/document/%d/highlight/new' % (project, doc_ids[document]),
              {'start_offset': start_b, 'end_offset': end_b, 'tags': [tags[t] for t in tag_paths]})

highlight('Almaty interview 1', 'I work two shifts at the bazaar, so I am too tired in the evening to check homework.', 'barrier/busy-job')
highlight('Almaty interview 1', 'I go to every parent meeting', 'activity/parent meetings', 'role/communicator')
highlight('Almaty interview 1', 'I write to the class teacher in the WhatsApp group', 'role/communicator')
highlight('Almaty interview 2', 'Lessons are in Kazakh and at home we speak Russian', 'barrier/язык обучения')
highlight('Almaty interview 2', 'At the open day I saw the classroom for the first time.', 'activity/open day')
highlight('Astana interview 3', 'Many fathers say they have no time because of work.', 'barrier/busy-job')
highlight('Astana interview 3', 'they do not believe in themselves', 'Barrier/Low confidence', 'follow up')
highlight('Astana interview 3', 'We send messages to parents every week')
highlight('Leeds interview 1', 'Honestly I never felt clever enough to help with maths.', 'Barrier/Low confidence')
highlight('Leeds interview 1', 'We read together every night and I test him on his spellings.', 'role/home teacher')
highlight('Leeds interview 1', 'Parents evening is the only time I really talk to the teacher.', 'activity/parent meetings', 'role/communicator')
highlight('Leeds interview 2', 'her mum works late', 'barrier/busy-job')
highlight('Leeds interview 2', 'I tell the teacher if something is wrong', 'role/communicator')
highlight('Leeds interview 2', 'The school put on an open day and I went with her.She showed me her drawings.', 'activity/open day')
highlight('Leeds interview 3', 'Working parents cannot come at three o\'clock', 'barrier/busy-job')
highlight('Leeds interview 3', 'we moved meetings to the evening', 'activity/parent meetings')

for name, path in [
    ('highlights.csv', '/project/%d/export/highlights/.csv' % project),
    ('codebook.csv', '/project/%d/export/codebook.csv' % project),
    ('codebook.qdc', '/project/%d/export/codebook.qdc' % project),
    ('project.sqlite3', '/project/%d/export/project.sqlite3' % project),
]:
    with open(out + '/' + name, 'wb') as f:
        f.write(get(path))
print(json.dumps(doc_ids))
