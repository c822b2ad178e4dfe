extension ExcerptTemplates {
    /// Two first-person sentences per barrier code and language.
    static let barriers: [String: ExcerptPhrases] = [
        "bar_low_efficacy": ExcerptPhrases(
            en: [
                "I don't think I can help much; what would I even say to the teacher?",
                "When it comes to school I feel useless, so I keep my distance.",
            ],
            ru: [
                "Я не думаю, что могу чем-то помочь: что я скажу учителю?",
                "В школьных делах от меня мало толку, поэтому я держусь в стороне.",
            ],
            kk: [
                "Мен көп көмектесе алмаймын деп ойлаймын: мұғалімге не айтамын?",
                "Мектеп ісінде менен пайда аз, сондықтан шет жүремін.",
            ]),
        "bar_weak_invitations": ExcerptPhrases(
            en: [
                "Nobody from the school ever asked me to come, apart from the big meeting in September.",
                "They say \"parents are always welcome\", but I have never had a real invitation.",
            ],
            ru: [
                "Из школы меня никто никогда не приглашал, кроме общего собрания в сентябре.",
                "Говорят, \"родителям всегда рады\", но лично меня ни разу не пригласили.",
            ],
            kk: [
                "Қыркүйектегі жалпы жиналыстан басқа, мектептен мені ешкім шақырған емес.",
                "\"Ата-аналарға есігіміз әрқашан ашық\" дейді, бірақ мені жеке ешкім шақырмады.",
            ]),
        "bar_low_education": ExcerptPhrases(
            en: [
                "I left school at sixteen, so when he brings maths homework I just can't follow it.",
                "The homework is beyond me now, I never finished my own studies.",
            ],
            ru: [
                "У меня нет высшего образования, и с домашним заданием по математике я уже не справляюсь.",
                "Задания сейчас сложные, а у меня всего девять классов за плечами.",
            ],
            kk: [
                "Менде жоғары білім жоқ, математикадан үй тапсырмасын өзім де түсінбеймін.",
                "Қазіргі тапсырмалар қиын, ал мен тек тоғыз сынып бітіргенмін.",
            ]),
        "bar_reliance_on_teachers": ExcerptPhrases(
            en: [
                "The teachers are the professionals, so I leave the subjects to them.",
                "Physics, chemistry, that's the teacher's job, not mine; I just check that it's done.",
            ],
            ru: [
                "Учителя — профессионалы, пусть предметами занимаются они.",
                "Физика, химия — это работа учителя, а я только проверяю, что всё сделано.",
            ],
            kk: [
                "Мұғалімдер — маман, пәндерді солар үйретсін.",
                "Физика, химия — ол мұғалімнің жұмысы, мен тек орындалғанын тексеремін.",
            ]),
        "bar_caretaking": ExcerptPhrases(
            en: [
                "With the baby and my mother-in-law to look after, I barely have time to get to school.",
                "I have four children, and by the evening there's simply nothing left for school meetings.",
            ],
            ru: [
                "С малышом на руках и больной свекровью мне некогда ходить в школу.",
                "У меня четверо детей, и к вечеру на школьные собрания просто не остаётся сил.",
            ],
            kk: [
                "Кішкентай баламды, ауырып жүрген енемді қараймын, мектепке баруға уақыт жоқ.",
                "Төрт балам бар, кешке қарай мектеп жиналысына күш қалмайды.",
            ]),
        "bar_unemployment": ExcerptPhrases(
            en: [
                "Since I lost my job, even the bus fare to the school is a question.",
                "I'd have to pay a babysitter to go to the evening meeting, and we can't afford it.",
            ],
            ru: [
                "С тех пор как я без работы, даже проезд до школы — это вопрос.",
                "Чтобы пойти на вечернее собрание, надо платить няне, а нам это не по карману.",
            ],
            kk: [
                "Жұмыссыз қалғалы мектепке автобуспен бару да қиын болып тұр.",
                "Кешкі жиналысқа бару үшін балаға күтуші жалдау керек, оған ақшамыз жоқ.",
            ]),
        "bar_busy_job": ExcerptPhrases(
            en: [
                "I work twelve-hour shifts, and by the time I'm home I'm too tired to even look at his homework.",
                "My job doesn't let me leave at three, so the school events just pass me by.",
            ],
            ru: [
                "У меня смены по двенадцать часов, после работы нет сил даже открыть дневник.",
                "С работы в три часа не отпустят, так что все школьные мероприятия проходят мимо меня.",
            ],
            kk: [
                "Он екі сағаттық ауысыммен жұмыс істеймін, үйге келгенде сабағын қарауға да шамам жоқ.",
                "Жұмыстан сағат үште ешкім жібермейді, сондықтан мектептегі іс-шаралардың бәрі өтіп кетеді.",
            ]),
        "bar_wellbeing": ExcerptPhrases(
            en: [
                "My health has not been good this year, and there's no family nearby to help.",
                "Some weeks I can hardly get out of bed; school is the last thing I can manage.",
            ],
            ru: [
                "Здоровье в этом году подводит, а родных рядом нет, помочь некому.",
                "Бывают недели, когда я с трудом встаю с постели, тут уж не до школы.",
            ],
            kk: [
                "Биыл денсаулығым сыр беріп жүр, жақын жерде көмектесетін туыс жоқ.",
                "Кейбір аптада төсектен әрең тұрамын, мектепке шамам келмейді.",
            ]),
        "bar_cultural_differences": ExcerptPhrases(
            en: [
                "At the school gate I feel like an outsider; our traditions are different, and people notice.",
                "Some of the celebrations at school are not part of our culture, so I don't know how to join in.",
            ],
            ru: [
                "У школьных ворот я чувствую себя чужим человеком: традиции у нас другие, и это заметно.",
                "Некоторые школьные праздники не из нашей культуры, и я не знаю, как в них участвовать.",
            ],
            kk: [
                "Мектеп алдында өзімді бөгде адамдай сезінемін, салт-дәстүріміз басқа.",
                "Мектептегі кейбір мерекелер біздің мәдениетке жат, қалай араласарымды білмеймін.",
            ]),
        "bar_child_not_valued": ExcerptPhrases(
            en: [
                "They only ever invite the parents of the top pupils; a child like mine is just a problem to them.",
                "Because my son struggles, I feel the teachers don't really want to see me.",
            ],
            ru: [
                "Приглашают только родителей отличников, а мой ребёнок для них просто проблема.",
                "Сын учится слабо, и мне кажется, учителя не особо хотят меня видеть.",
            ],
            kk: [
                "Тек үздік оқушылардың ата-аналарын шақырады, менің балам олар үшін жай ғана мәселе.",
                "Ұлым нашар оқиды, мұғалімдер мені көргісі келмейтін сияқты.",
            ]),
        "bar_divorce": ExcerptPhrases(
            en: [
                "Since the divorce, everything about school is on me; his dad doesn't get involved at all.",
                "We're separated, and the school has only one contact number, so only one of us ever hears anything.",
            ],
            ru: [
                "После развода всё, что касается школы, на мне; отец вообще не участвует.",
                "Мы живём раздельно, в школе записан только один телефон, так что в курсе только один из нас.",
            ],
            kk: [
                "Ажырасқаннан кейін мектептің бар шаруасы менің мойнымда, әкесі мүлде араласпайды.",
                "Бөлек тұрамыз, мектепте бір ғана телефон нөмірі жазылған, сондықтан хабарды біреуміз ғана естиміз.",
            ]),
        "bar_fundraising": ExcerptPhrases(
            en: [
                "Every message in the class chat is \"please transfer money\": for curtains, for repairs, for gifts.",
                "The school only calls when they need money, never about my child.",
            ],
            ru: [
                "В классном чате каждое сообщение — \"сдайте деньги\": на шторы, на ремонт, на подарки.",
                "Школа звонит только тогда, когда нужны деньги, а не чтобы поговорить о ребёнке.",
            ],
            kk: [
                "Сынып чатындағы әр хабарлама — \"ақша тапсырыңыздар\": пердеге, жөндеуге, сыйлыққа.",
                "Мектеп тек ақша керек болғанда хабарласады, балам туралы ешқашан емес.",
            ]),
        "bar_child_reluctance": ExcerptPhrases(
            en: [
                "My daughter told me, \"Please don't come to school, it's embarrassing.\"",
                "He begs me not to go to the school events; he says nobody else's parents come.",
            ],
            ru: [
                "Дочка прямо сказала: \"Пожалуйста, не приходи в школу, мне стыдно.\"",
                "Сын просит не ходить на школьные мероприятия, говорит, что больше ничьи родители не приходят.",
            ],
            kk: [
                "Қызым: \"Мектепке келмеші, ұяламын\" деді.",
                "Ұлым мектептегі іс-шараларға барма деп өтінеді, басқалардың ата-анасы келмейді дейді.",
            ]),
        "bar_instruction_language": ExcerptPhrases(
            en: [
                "The lessons are not in my first language, so I can't really help with homework or talk properly to the teacher.",
                "I can't read half of the letters they send home, so my son translates, and I'm never sure he tells me everything.",
            ],
            ru: [
                "Уроки идут не на моём родном языке, и с домашними заданиями я помочь не могу.",
                "Письма из школы я читаю со словарём, а с учителем толком поговорить не получается.",
            ],
            kk: [
                "Сабақ менің ана тілімде емес, сондықтан үй тапсырмасына көмектесе алмаймын, мұғаліммен де еркін сөйлесе алмаймын.",
                "Мектептен келген хаттарды түсіну қиын, балам аударып береді, бірақ бәрін айтатынына сенімді емеспін.",
            ]),
        "bar_intimidation": ExcerptPhrases(
            en: [
                "Walking into the head teacher's office still makes me nervous, as if I'm the one in trouble.",
                "The staff are very formal, and I feel small there, so I'd rather not go.",
            ],
            ru: [
                "Когда захожу к директору, до сих пор волнуюсь, как будто это меня вызвали.",
                "Учителя держатся очень официально, я там чувствую себя неуютно, так что лучше не ходить.",
            ],
            kk: [
                "Директордың кабинетіне кірсем, әлі күнге дейін өзімді кінәлі баладай сезінемін.",
                "Мұғалімдер тым ресми, ол жерде қысыламын, сондықтан бармағанды жөн көремін.",
            ]),
        "bar_delivery_role": ExcerptPhrases(
            en: [
                "My job is to get her to school on time, clean and fed; teaching is the school's job.",
                "I bring him to the gate every morning, and the rest is up to the teachers.",
            ],
            ru: [
                "Моя задача — привести ребёнка в школу вовремя, накормленным и опрятным, а учить — дело школы.",
                "Я каждое утро довожу его до ворот, а дальше пусть работают учителя.",
            ],
            kk: [
                "Менің міндетім — баланы мектепке уақытында, тоқ әрі таза жеткізу, ал оқыту — мектептің ісі.",
                "Күнде таңертең қақпаға дейін апарамын, қалғаны мұғалімдердің жұмысы.",
            ]),
        "bar_low_income": ExcerptPhrases(
            en: [
                "When you're counting every penny for food and shoes, school meetings are not the priority.",
                "First I have to earn enough for the uniform and books; school life comes after that.",
            ],
            ru: [
                "Когда считаешь каждую копейку на еду и обувь, собрания — не главное.",
                "Сначала надо заработать на форму и учебники, а школьная жизнь потом.",
            ],
            kk: [
                "Әр тиынды санап, тамақ пен аяқ киімге әрең жеткізгенде, жиналыс есімізге де кірмейді.",
                "Алдымен мектеп формасы мен кітапқа ақша табуым керек, мектеп өмірі кейін.",
            ]),
        "bar_teacher_capacity": ExcerptPhrases(
            en: [
                "The class teacher is young and has thirty children, so she has no time to really talk to us.",
                "The teachers mean well, but they don't know how to approach parents; the psychologist had to step in.",
            ],
            ru: [
                "Классный руководитель молодая, у неё тридцать детей, на разговор с нами просто нет времени.",
                "Учителя стараются, но подхода к родителям не находят, пришлось подключать психолога.",
            ],
            kk: [
                "Сынып жетекшісі жас, сыныпта отыз бала бар, бізбен сөйлесуге уақыты жоқ.",
                "Мұғалімдер тырысады, бірақ ата-аналарға жол таба алмайды, психолог араласуға мәжбүр болды.",
            ]),
        "bar_dual_work": ExcerptPhrases(
            en: [
                "My partner and I both work from eight till late; there's no one free to go to school in the daytime.",
                "We both work full time, so the school only sees us at the end-of-year concert, if at all.",
            ],
            ru: [
                "Мы оба работаем с утра до ночи, в школу днём пойти просто некому.",
                "Оба родителя на работе с восьми до восьми, спросить об учёбе некогда.",
            ],
            kk: [
                "Екеуміз де таңнан кешке дейін жұмыстамыз, күндіз мектепке баратын адам жоқ.",
                "Екеуміз де толық күн жұмыс істейміз, мектеп бізді жыл соңындағы концертте ғана көреді.",
            ]),
        "bar_older_child": ExcerptPhrases(
            en: [
                "He's fifteen now, he can manage on his own; primary school was a different story.",
                "In secondary school they don't need us hovering around, that's for the little ones.",
            ],
            ru: [
                "Ему уже пятнадцать, сам справится; в младших классах — другое дело.",
                "В старших классах родители уже не нужны, это для малышей.",
            ],
            kk: [
                "Ол қазір он беске келді, өзі-ақ біледі; бастауыш сыныпта басқа еді.",
                "Жоғары сыныпта ата-ананың араласуы қажет емес, ол кішкентайларға керек.",
            ]),
        "bar_fear_bad_news": ExcerptPhrases(
            en: [
                "Every time the school calls, it's about his behaviour, so now I dread going in.",
                "I don't go to the meetings any more; I was tired of hearing only complaints about my son in front of everyone.",
            ],
            ru: [
                "Каждый раз, когда звонят из школы, это про его поведение, так что теперь я боюсь туда идти.",
                "На собрания больше не хожу: надоело при всех слушать одни жалобы на сына.",
            ],
            kk: [
                "Мектептен хабарласса, бәрі оның мінез-құлқы туралы, енді баруға қорқамын.",
                "Жиналысқа бармайтын болдым, жұрттың алдында ұлым туралы тек шағым естуден шаршадым.",
            ]),
        "bar_digital_contact": ExcerptPhrases(
            en: [
                "We get everything through the app now, marks, messages, reminders; I haven't actually spoken to the teacher this year.",
                "It's all WhatsApp these days; it's convenient, but it's not the same as sitting down and talking.",
            ],
            ru: [
                "Сейчас всё через электронный дневник и WhatsApp, а живого разговора с учителем в этом году так и не было.",
                "Всё в мессенджере: удобно, но это не то же самое, что сесть и поговорить.",
            ],
            kk: [
                "Қазір бәрі электрондық күнделік пен WhatsApp арқылы, биыл мұғаліммен бетпе-бет бір рет те сөйлеспедім.",
                "Бәрі мессенджерде: ыңғайлы, бірақ отырып сөйлескенге жетпейді.",
            ]),
    ]
}
