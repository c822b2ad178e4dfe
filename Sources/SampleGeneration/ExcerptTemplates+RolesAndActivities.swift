extension ExcerptTemplates {
    /// One first-person sentence per involvement role and activity code and language.
    static let rolesAndActivities: [String: ExcerptPhrases] = [
        // Involvement roles (the article's Table 1)
        "role_communicator": ExcerptPhrases(
            en: ["Every evening we talk about how school went, what he learned and who he sat with."],
            ru: ["Каждый вечер мы говорим о том, как прошёл день в школе, что было на уроках."],
            kk: ["Күнде кешке мектепте күннің қалай өткенін, сабақта не болғанын сөйлесеміз."]),
        "role_supporter": ExcerptPhrases(
            en: ["I push her to join the clubs and the school concerts, and I always go to watch."],
            ru: ["Я уговариваю её записываться в кружки и выступать на концертах и всегда прихожу посмотреть."],
            kk: ["Оны үйірмелерге, мектеп концерттеріне қатысуға ынталандырамын, әрдайым көруге барамын."]),
        "role_learner": ExcerptPhrases(
            en: ["I go to a course for parents of teenagers, and in the evenings we read together."],
            ru: ["Я хожу на тренинги для родителей, а по вечерам мы вместе читаем."],
            kk: ["Ата-аналарға арналған тренингтерге барамын, кешке бірге кітап оқимыз."]),
        "role_advocate": ExcerptPhrases(
            en: ["When they cut the school bus, I wrote to the council and got other parents to sign."],
            ru: ["Когда отменили школьный автобус, мы с другими родителями написали письмо в администрацию."],
            kk: ["Мектеп автобусын тоқтатқанда, басқа ата-аналармен бірге әкімдікке хат жаздық."]),
        "role_decision_maker": ExcerptPhrases(
            en: ["We sat down together and chose his subjects for next year, and which college to aim for."],
            ru: ["Мы вместе решали, какие предметы он выберет в профильном классе и куда поступать."],
            kk: ["Келесі жылы қандай пәндерді таңдайтынын, қайда түсетінін бірге шештік."]),
        "role_volunteer": ExcerptPhrases(
            en: ["I help out in the school library on Fridays and with the spring concert."],
            ru: ["По пятницам помогаю в школьной библиотеке и с подготовкой весеннего концерта."],
            kk: ["Жұма сайын мектеп кітапханасында көмектесемін, көктемгі концертті дайындауға қатысамын."]),
        "role_home_teacher": ExcerptPhrases(
            en: ["We do homework at the kitchen table, and I go over the topics with her before tests."],
            ru: ["Уроки делаем на кухне, перед контрольными я повторяю с ней темы."],
            kk: ["Үй тапсырмасын ас үйде бірге орындаймыз, бақылау жұмысы алдында тақырыптарды қайталаймыз."]),
        "role_advisor": ExcerptPhrases(
            en: ["Other parents ask me what to do when there's a problem with a teacher, and I try to help."],
            ru: ["Другие родители советуются со мной, когда возникают трудности с учителем."],
            kk: ["Мұғаліммен түсініспеушілік болса, басқа ата-аналар менен ақыл сұрайды."]),
        "role_teacher": ExcerptPhrases(
            en: ["I taught him to read before school, and I still explain the rules when he gets stuck."],
            ru: ["Читать он научился со мной, ещё до школы, и правила по-прежнему объясняю ему я."],
            kk: ["Оқуды мектепке дейін менімен үйренді, ережелерді әлі де өзім түсіндіремін."]),
        "role_social_worker": ExcerptPhrases(
            en: ["The most important thing is that he feels safe at home and knows he can tell me anything."],
            ru: ["Главное, чтобы дома он чувствовал себя в безопасности и мог рассказать мне всё."],
            kk: ["Ең бастысы — үйде өзін қауіпсіз сезінсе, маған бәрін айта алса."]),
        "role_encourager": ExcerptPhrases(
            en: ["I always tell her, \"You can do more than you think\", and we celebrate every good mark."],
            ru: ["Я всегда говорю ей: \"Ты можешь больше, чем думаешь\", и мы отмечаем каждую пятёрку."],
            kk: ["Оған әрдайым: \"Сен ойлағаннан да көп нәрсеге қабілеттісің\" деймін, әр бестікті тойлаймыз."]),
        "role_model": ExcerptPhrases(
            en: ["I try to show him by example: I read, I keep my promises, I don't shout."],
            ru: ["Стараюсь быть примером: читаю, держу слово, не кричу."],
            kk: ["Үлгі болуға тырысамын: кітап оқимын, сөзімде тұрамын, айғайламаймын."]),
        "role_decision_maker_child_needs": ExcerptPhrases(
            en: ["When she needed glasses and extra lessons, I was the one who decided and arranged it."],
            ru: ["Когда понадобились очки и дополнительные занятия, решение было за мной."],
            kk: ["Көзәйнек пен қосымша сабақ керек болғанда, шешімді мен қабылдадым."]),

        // Informal activities
        "act_open_day": ExcerptPhrases(
            en: ["At the open evening we walked round the classrooms and saw a science lesson in progress."],
            ru: ["На открытом вечере мы обошли классы и посмотрели, как идёт урок."],
            kk: ["Ашық кеште сыныптарды аралап, жүріп жатқан сабақты көрдік."]),
        "act_outings": ExcerptPhrases(
            en: ["Last spring a few of us parents went with the class to the museum, and the kids loved it."],
            ru: ["Весной мы с классом ездили в музей, дети были в восторге."],
            kk: ["Көктемде сыныппен бірге мұражайға бардық, балалар қатты қуанды."]),
        "act_extracurricular": ExcerptPhrases(
            en: ["They had a poetry evening, and parents read poems together with the children."],
            ru: ["Был вечер поэзии, родители читали стихи вместе с детьми."],
            kk: ["Поэзия кеші өтті, ата-аналар балалармен бірге өлең оқыды."]),
        "act_role_play": ExcerptPhrases(
            en: ["Once a year parents can be \"teacher for a day\"; I taught a geography lesson, which was terrifying."],
            ru: ["Раз в год родители могут побыть \"учителем на один день\", в прошлый раз мне достался урок географии."],
            kk: ["Жылына бір рет ата-аналар \"бір күнге мұғалім\" болады, маған география сабағы бұйырды."]),
        "act_professional_meetings": ExcerptPhrases(
            en: ["The school invited a psychologist to talk to parents about exam stress."],
            ru: ["Школа пригласила психолога, он рассказывал родителям про стресс перед экзаменами."],
            kk: ["Мектеп психологты шақырды, ол ата-аналарға емтихан алдындағы күйзеліс туралы айтты."]),
        "act_sports_events": ExcerptPhrases(
            en: ["The family sports day is the best thing all year; I even ran in the parents' race."],
            ru: ["Семейные \"Весёлые старты\" — лучшее за весь год, родители тоже бегали."],
            kk: ["Отбасылық спорт күні — жылдағы ең қызықты шара, ата-аналар да жүгірді."]),
        "act_family_festivals": ExcerptPhrases(
            en: ["For the end-of-term celebration families brought food from home, and there was a family quiz."],
            ru: ["На Наурыз семьи готовили вместе, был конкурс на лучший дастархан."],
            kk: ["Биыл Наурыз мерекесінде отбасылар бірге дастархан жайып, байқау өтті."]),
        "act_school_fair": ExcerptPhrases(
            en: ["I baked for the school fair, and the money went towards the new playground."],
            ru: ["Для школьной ярмарки мы пекли пироги, деньги пошли на новую площадку."],
            kk: ["Мектеп жәрмеңкесіне бауырсақ пісірдік, түскен ақша жаңа алаңға жұмсалды."]),

        // Formal activities
        "act_parent_meetings": ExcerptPhrases(
            en: ["There is a parents' evening every term, and I try not to miss it."],
            ru: ["Родительское собрание бывает каждую четверть, и я стараюсь не пропускать."],
            kk: ["Ата-аналар жиналысы әр тоқсан сайын болады, қалдырмауға тырысамын."]),
        "act_thematic_meetings": ExcerptPhrases(
            en: ["Once a month there's an evening meeting on a topic; last time it was internet safety."],
            ru: ["Раз в месяц проходит тематическое собрание, в последний раз — про безопасность в интернете."],
            kk: ["Айына бір рет тақырыптық жиналыс болады, соңғысы интернеттегі қауіпсіздік туралы болды."]),
        "act_open_door_days": ExcerptPhrases(
            en: ["On the open door day the head went through the curriculum and the school's plans with us."],
            ru: ["В день открытых дверей директор рассказал нам об учебном плане и нуждах школы."],
            kk: ["Ашық есік күні директор бізге оқу жоспары мен мектептің қажеттіліктері туралы айтып берді."]),
        "act_acknowledgement_letters": ExcerptPhrases(
            en: ["We got a letter of thanks for her olympiad results; it was lovely to get good news for once."],
            ru: ["Нам прислали благодарственное письмо за её олимпиаду, приятно хоть раз получить хорошие новости."],
            kk: ["Олимпиададағы жетістігі үшін алғыс хат келді, бір рет болса да жақсы хабар естігенге қуандық."]),
        "act_parent_room": ExcerptPhrases(
            en: ["There's a parents' room with leaflets and a corner for toddlers, so I can wait there."],
            ru: ["Есть комната для родителей с брошюрами и уголком для малышей, там можно подождать."],
            kk: ["Ата-аналар бөлмесі бар, ішінде кітапшалар мен кішкентайларға арналған бұрыш, сонда күтемін."]),
        "act_ict_training": ExcerptPhrases(
            en: ["The school ran a class for grandparents on using the online school diary."],
            ru: ["Школа провела занятия для бабушек и дедушек: как пользоваться электронным дневником."],
            kk: ["Мектеп әжелер мен аталарға электрондық күнделікті пайдалануды үйретті."]),
        "act_family_month": ExcerptPhrases(
            en: ["In family month there was something on almost every week; we were at school more than ever."],
            ru: ["В месяц семьи мероприятия были почти каждую неделю, мы бывали в школе чаще, чем когда-либо."],
            kk: ["Отбасы айында іс-шара әр апта сайын дерлік өтті, мектепке бұрын-соңды болмағандай жиі бардық."]),
        "act_family_grants": ExcerptPhrases(
            en: ["The school got a small grant for family activities, so the workshops were free for us."],
            ru: ["Школа получила грант на семейные мероприятия, поэтому мастер-классы были бесплатными."],
            kk: ["Мектеп отбасылық іс-шараларға грант алды, сондықтан шеберлік сабақтары тегін болды."]),
        "act_volunteering": ExcerptPhrases(
            en: ["I'm on the volunteer list: I phone other families and help set up before events."],
            ru: ["Я в списке волонтёров: обзваниваю другие семьи и помогаю готовить мероприятия."],
            kk: ["Еріктілер тізіміндемін: басқа отбасыларға қоңырау шалып, іс-шараларды дайындауға көмектесемін."]),
    ]
}
