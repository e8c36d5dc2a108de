"""Word lists of the quality check, one dict per language (English, French, Spanish).

Kept apart from the rules in ``quality.py`` so that adding a language is adding a dict.
"""

# Word lists are accent-free and lower-case (texts are folded the same way). Verbs are
# base forms (English) or infinitives (French, Spanish, ending stripped); an entry not
# ending like an infinitive is a stem taken as it is (irregular forms: "prenant").
LEXICON = {
    "en": {
        "continue": "continue pursue maintain keep persist persevere sustain",
        "consider": "consider envisage envision explore study reflect analyse analyze examine review look assess evaluate",
        "minimal": "share seek request ask",
        "seek": "seek request ask",
        "help": r"\b(?:assistance|support|help|cooperation|advice|expertise|aid|funding)\b",
        "concrete": "adopt ratify accede sign establish create set enact pass amend repeal revise abolish criminali[sz]e "
        "decriminali[sz]e prohibit ban outlaw allocate investigate prosecute punish withdraw lift extend issue "
        "release incorporate include introduce submit accept invite receive close publish collect appoint designate "
        "initiate codify penali[sz]e become change stop cease halt free "
        "harmoni[sz]e align raise lower remove reform modify grant register train compensate",
        "instrument": "develop implement enforce elaborate draft design finali[sz]e launch apply undertake conduct carry put "
        "prepare formulate complete bring provide organi[sz]e build make",
        "general": "ensure guarantee promote protect strengthen improve combat fight address enhance intensify step increase "
        "reinforce support facilitate respect encourage prevent tackle reduce take work strive endeavour "
        "endeavor redouble accelerate speed engage foster uphold safeguard pay give eliminate eradicate end "
        "refrain secure expand broaden fulfil fulfill comply cooperate recogni[sz]e achieve assist "
        "respond invest integrate mainstream help allow enable empower boost deepen consolidate focus "
        "prioriti[sz]e call appeal urge see",
        "ensure": "ensure guarantee see",
        "aux": "is are be been being",
        "active": r"\w+s",  # "ensure that the Parliament adopts"
        "appeal": "call appeal urge exhort mobili[sz]e",
        "instruments": "law laws act bill code legislation framework plan strategy policy programme program convention protocol "
        "covenant treaty mechanism institution commission body bodies office ombudsman ombudsperson moratorium "
        "budget fund register registry database campaign survey study census investigation inquiry reform "
        "recommendation court tribunal shelter hotline system procedure guideline regulation decree "
        "constitution indicator training ratification accession adoption establishment enactment amendment "
        "invitation reservation visit report target provision resolution",
        "vague": "measure measures step steps effort efforts action actions initiative initiatives way ways means attention "
        "possibility awareness climate environment",
        "markers": "to towards toward in by of on",
        "skip": "also further furthermore moreover to then still and that re recommend recommends recommended",
        "intro": "in within with through given as while when following pursuant taking bearing under for during after "
        "regarding according",
        "particles": r"(?:\s*\b(?:up|out|into|in place|to|on|forward)\b)*",
        "boundary": r"[,;:()]|\.\s|\b(?:in order to|so as to|so that|with a view to|including|in particular|particularly"
        r"|especially|which|who|that|while|whereas|to)\b",
        "adverb": r"\w{3,}ly",
        "gerund": r"\w{3,}ing",
        "rec": r"\b(?:recommends?|urges?|encourages?|invites?|requests?|calls? (?:up)?on|reiterates\b[^.]*?)\s+(?:that\s+)?"
        r"(?P<subject>the state party|the government|the authorities|the state)\s*(?:to\b|should\b|must\b)?",
        "should": r"(?P<subject>[^.;:]{0,100}?)\s*\b(?:should|must|shall"
        r"|is (?:urged|encouraged|invited|requested|called upon) to)\b",
        "state": r"state party|government|authorities|the state\b|^\s*it\s*$|^\s*$",
        "others": r"international community|donors?\b|all states|other states|member states|all stakeholders|stakeholders"
        r"|development partners|united nations|civil society",
        "bodies": r"parliament|national assembly|legislature|congress|senate|ministr(?:y|ies)(?: of(?: the)? \w+)?|police"
        r"|law enforcement (?:officials|agencies|officers)|judiciary|judges|courts?|prosecutors?|attorney general"
        r"|national human rights (?:institution|commission)|ombudsman|ombudsperson|human rights commission"
        r"|national preventive mechanism|local authorities|municipalities|armed forces|security forces"
        r"|prison (?:administration|service|staff)",
        "groups": r"women|girls?|children|child|boys|adolescents|young people|youth|minors|juveniles"
        r"|(?:persons|people|children|women) with (?:a |\w+ )?disabilit(?:y|ies)|disabled (?:persons|people|children)"
        r"|migrant workers|migrants?|refugees|asylum[- ]seekers|stateless persons|internally displaced persons|idps"
        r"|roma|sinti|travellers|indigenous (?:peoples?|persons|communities|women|children)"
        r"|(?:(?:ethnic|national|religious|linguistic|sexual|racial) )?minorit(?:y|ies)"
        r"|lgbt\w*|lesbian\w*|gays?|bisexual\w*|transgender\w*|intersex|older persons|elderly|detainees|prisoners"
        r"|persons deprived of (?:their )?liberty|inmates|human rights defenders|defenders|journalists|media workers"
        r"|victims|survivors|(?:persons|people) living with hiv|domestic workers|(?:persons|people) of african descent"
        r"|afro-descendants?|dalits|peasants|street children|orphans|sex workers|non-citizens|foreigners"
        r"|ethnic groups|trafficked persons|(?:persons|people) living in poverty|the poor|homeless(?: persons)?"
        r"|widows|pregnant women|persons with albinism|trade unionists|civilians",
        "measures": r"indicators?|benchmarks?|baselines?|(?:numerical|measurable|specific|quantitative|clear|time-bound) targets?"
        r"|targets\b|measurable|statistic\w*|disaggregated data|data collection|collect\w* (?:\w+ ){0,2}data"
        r"|quotas?|budget\w*|funding"
        r"|(?:human|financial|budgetary)(?:,? (?:and )?(?:human|financial|technical))* resources"
        r"|allocat\w+(?: \w+){0,4}? (?:resources|funds|funding)|percentage",
        "deadline": r"\b(?:by|before|no later than|not later than|prior to)\s+(?:the end of\s+|(?:early|mid|late)[- ])?"
        r"(?:(?:\d{1,2}\s+)?(?:january|february|march|april|may|june|july|august|september|october|november"
        r"|december)\s+)?(?:19|20)\d\d\b"
        r"|\bwithin (?:a|one|two|three|four|five|six|twelve|\d+|the next)\s+(?:\w+\s+)?"
        r"(?:days?|weeks?|months?|years?)\b"
        r"|\b(?:before|by|prior to|ahead of|in time for|during) (?:the|its) (?:next|current|third|fourth) "
        r"(?:universal periodic review|review|cycle|upr|periodic report|report|reporting period)"
        r"|\bin the next reporting period\b|\bdeadlines?\b|\btime[- ]?frames?\b|\btime[- ]bound\b|\btimetables?\b"
        r"|\btimelines?\b",
        "urgency": r"without (?:further |undue )?delay|as soon as possible|immediately|urgently"
        r"|as a matter of (?:urgency|priority)|expeditiously|promptly|at the earliest"
        r"|in the shortest possible time|swiftly|speedily|within a reasonable time",
    },
    "fr": {
        "continue": "poursuivre continuer maintenir maintien perseverer",
        "consider": "envisager envisage considerer examiner etudier reflechir analyser evaluer",
        "minimal": "partager partage solliciter demander rechercher",
        "seek": "solliciter demander rechercher",
        "help": r"\b(?:assistance|aide|appui|soutien|cooperation|conseils|financement)\b",
        "concrete": "adopter ratifier adherer signer etablir creer instituer promulguer modifier amender abroger reviser "
        "abolir criminaliser incriminer penaliser interdire interdis interdit allouer enqueter sanctionner punir "
        "retirer lever inclure inclus incorporer introduire introduis soumettre soumis presenter accepter inviter "
        "fermer publier collecter recueillir nommer designer harmoniser liberer accorder relever reformer supprimer "
        "former indemniser traduire juger",
        "instrument": "developper appliquer mettre mis elaborer executer concevoir realiser mener lancer finaliser achever "
        "organiser dispenser fournir",
        "general": "veiller garantir assurer promouvoir promouv proteger renforcer ameliorer lutter combattre redoubler "
        "intensifier prendre pren faire fais efforcer accroitre favoriser encourager sensibiliser prevenir eliminer "
        "eradiquer reduire reduis soutenir respecter offrir attaquer travailler faciliter reconnaitre elargir "
        "consolider accelerer appeler exhorter engager mobiliser",
        "ensure": "veiller garantir assurer",
        "aux": "soit soient est sont etre sera seront",
        "active": r"\w+(?:e|ent)",
        "prosecute": r"\b(?:auteurs|responsables|en justice|coupables)\b",
        "appeal": "appeler exhorter engager mobiliser",
        "instruments": "loi lois code projet legislation cadre plan strategie politique programme convention protocole pacte "
        "traite mecanisme institution commission organe bureau mediateur moratoire budget fonds registre base "
        "campagne enquete enquetes etude recensement reforme recommandations tribunal tribunaux foyers refuges "
        "ligne systeme procedure directives reglement decret constitution indicateurs formation formations "
        "ratification adhesion invitation reserve reserves visite rapport resolution",
        "vague": "mesures efforts dispositions actions initiatives moyens attention possibilite sensibilisation demarches",
        "markers": "de d a pour afin en",
        "skip": "aussi egalement outre de d que",
        "intro": "dans en avec compte conformement lors afin pour par sur suite",
        "particles": r"(?:\s*\b(?:en place|en oeuvre|en œuvre|a|au|aux)\b)*",
        "boundary": r"[,;:()]|\.\s|\b(?:afin de|afin d|pour|en vue de|en vue d|de maniere a|de facon a|y compris|notamment"
        r"|en particulier|qui|que|tout en)\b",
        "adverb": r"\w{4,}ment",
        "gerund": r"\w{3,}ant",
        "rec": r"\b(?:recommande|engage|invite|exhorte|prie|encourage|demande)\s+(?:vivement\s+|instamment\s+|de nouveau\s+)?"
        r"(?:a\s+|que\s+)?(?P<subject>l'etat partie|le gouvernement|les autorites)\s*(?:de\b|d'|a\b)?",
        "should": r"(?P<subject>[^.;:]{0,100}?)\s*\b(?:devrait|devraient|doit|doivent|est (?:invitee?|encouragee?|priee?) a)\b",
        "state": r"etat partie|gouvernement|autorites|l'etat\b|^\s*il\s*$|^\s*$",
        "others": r"communaute internationale|donateurs|bailleurs|tous les etats|autres etats|etats membres|parties prenantes"
        r"|partenaires|societe civile",
        "bodies": r"parlement|assemblee nationale|ministere(?: de la \w+| des \w+| du \w+| de l'\w+)?|police|forces de l'ordre"
        r"|gendarmerie|pouvoir judiciaire|magistrats|juges|tribunaux|procureurs?|parquet"
        r"|institution nationale des droits de l'homme|commission nationale des droits de l'homme|mediateur"
        r"|defenseur des droits|mecanisme national de prevention|autorites locales|collectivites locales"
        r"|forces armees|forces de securite|administration penitentiaire",
        "groups": r"femmes|filles|fillettes|enfants?|mineurs|adolescent(?:e)?s|jeunes|personnes handicapees"
        r"|personnes (?:vivant )?avec (?:un )?handicap|travailleurs migrants|migrants?|refugies|demandeurs d'asile"
        r"|apatrides|personnes deplacees|roms?|gens du voyage|peuples autochtones|autochtones|minorites"
        r"|lgbti?\w*|lesbiennes|homosexuels|personnes agees|detenus|prisonniers|personnes privees de (?:leur )?liberte"
        r"|defenseurs des droits de l'homme|defenseurs|journalistes|victimes|survivant\w*|personnes vivant avec le vih"
        r"|travailleurs domestiques|employes de maison|personnes d'ascendance africaine|afrodescendants"
        r"|orphelins|non-ressortissants|etrangers|populations rurales|femmes rurales|civils",
        "measures": r"indicateurs?|reperes|valeurs de reference|cibles|objectifs chiffres|objectifs mesurables|statistiques"
        r"|donnees ventilees|donnees (?:statistiques|fiables|desagregees)|collecte (?:de|des) donnees|quotas?"
        r"|budget\w*|credits budgetaires|ressources (?:financieres|budgetaires|humaines)"
        r"|(?:allou|affect)\w*(?: \w+){0,4}? (?:ressources|fonds|credits)|financement|pourcentage",
        "deadline": r"\b(?:d'ici (?:a )?(?:la fin de )?|avant (?:la fin de )?|au plus tard (?:en |le )?)(?:\w+ )?"
        r"(?:19|20)\d\d\b|\bdans un delai (?:de |d')\s*\w+\s*(?:jours|semaines|mois|ans?|annees?)"
        r"|\bavant (?:le|la|son|sa) prochaine? (?:examen|cycle|rapport|session|epu)"
        r"|\bcalendrier\b|\becheancier\b|\becheances?\b|\bdelais? precis\b|\bassortis? de delais\b",
        "urgency": r"sans delai|sans tarder|des que possible|dans les meilleurs delais|immediatement|d'urgence|rapidement"
        r"|au plus vite|a titre prioritaire|sans plus attendre",
    },
    "es": {
        "continue": "seguir sigu sig continuar proseguir prosig mantener mantenga persistir perseverar",
        "consider": "considerar estudiar examinar contemplar plantear analizar explorar evaluar",
        "minimal": "compartir solicitar pedir recabar buscar busqu",
        "seek": "solicitar pedir recabar buscar busqu",
        "help": r"\b(?:asistencia|ayuda|apoyo|cooperacion|asesoramiento|financiacion)\b",
        "concrete": "adoptar ratificar ratifiqu adherir firmar establecer establezc crear instituir promulgar promulgu "
        "modificar modifiqu enmendar derogar revisar abolir tipificar tipifiqu penalizar penalic criminalizar "
        "criminalic prohibir prohib asignar investigar investigu enjuiciar procesar sancionar castigar retirar "
        "levantar incluir incluy incorporar introducir introduzc presentar aceptar cursar invitar cerrar "
        "publicar recopilar nombrar designar armonizar liberar conceder otorgar reformar suprimir aprobar "
        "aprueb capacitar indemnizar",
        "instrument": "elaborar aplicar apliqu implementar desarrollar ejecutar disenar poner pong llevar realizar emprender "
        "finalizar ultimar concluir proporcionar organizar lanzar",
        "general": "garantizar garantic velar asegurar promover proteger protej fortalecer fortalezc reforzar refuerc mejorar "
        "luchar combatir redoblar intensificar tomar hacer esforzar aumentar fomentar alentar sensibilizar "
        "prevenir eliminar erradicar reducir apoyar respetar abordar impulsar trabajar facilitar cumplir cooperar "
        "reconocer reconozc ampliar consolidar dar prestar acelerar exhortar instar hacer",
        "ensure": "garantizar garantic velar asegurar",
        "aux": "sea sean es son ser se sera seran",
        "active": r"\w+(?:e|en|a|an)",
        "appeal": "exhortar instar hacer",
        "instruments": "ley leyes codigo proyecto legislacion marco plan estrategia politica programa convencion protocolo pacto "
        "tratado mecanismo institucion comision organo oficina defensoria moratoria presupuesto fondo registro "
        "base campana investigacion investigaciones estudio censo reforma recomendaciones tribunal tribunales "
        "albergues refugios linea sistema procedimiento directrices reglamento decreto constitucion "
        "indicadores capacitacion formacion ratificacion adhesion invitacion reserva reservas visita informe "
        "resolucion",
        "vague": "medidas esfuerzos acciones iniciativas pasos medios atencion posibilidad conciencia disposiciones",
        "markers": "de a para por en",
        "skip": "tambien ademas asimismo que",
        "intro": "en con dentro conforme segun durante tras para a por teniendo",
        "particles": r"(?:\s*\b(?:en marcha|en practica|a cabo|a|al)\b)*",
        "boundary": r"[,;:()]|\.\s|\b(?:a fin de|para|con miras a|con el fin de|con objeto de|de modo que|incluid[oa]s?"
        r"|en particular|especialmente|que|a la vez)\b",
        "adverb": r"\w{4,}mente",
        "gerund": r"\w{3,}(?:ando|iendo)",
        "rec": r"\b(?:recomienda|insta|alienta|exhorta|pide|invita|solicita)\s+(?:encarecidamente\s+|nuevamente\s+)?"
        r"(?:al?\s+|que\s+(?:el\s+)?)?(?P<subject>estado parte|gobierno|las autoridades)\s*(?:que\b|a\b)?",
        "should": r"(?P<subject>[^.;:]{0,100}?)\s*\b(?:debe|deberia|deben|deberian|debera)\b",
        "state": r"estado parte|gobierno|autoridades|el estado\b|^\s*$",
        "others": r"comunidad internacional|donantes|todos los estados|otros estados|estados miembros|partes interesadas"
        r"|todos los actores|asociados|sociedad civil",
        "bodies": r"parlamento|congreso|asamblea nacional|senado|ministerio(?: de(?: la| los)? \w+)?|policia|fuerzas del orden"
        r"|poder judicial|jueces|tribunales|fiscal(?:ia|es)?|institucion nacional de derechos humanos"
        r"|defensor(?:ia)? del pueblo|comision nacional de derechos humanos|mecanismo nacional de prevencion"
        r"|autoridades locales|municipios|fuerzas armadas|fuerzas de seguridad|administracion penitenciaria",
        "groups": r"mujeres|ninas|ninos|nino|nina|menores|adolescentes|jovenes|personas con discapacidad"
        r"|trabajadores migratorios|migrantes|refugiados|solicitantes de asilo|apatridas|desplazados internos"
        r"|personas desplazadas|romanies|gitanos|pueblos indigenas|indigenas|minorias|lgbti?\w*|lesbianas"
        r"|personas mayores|adultos mayores|personas de edad|detenidos|presos|reclusos"
        r"|personas privadas de (?:su )?libertad|defensores de (?:los )?derechos humanos|defensores|periodistas"
        r"|victimas|sobrevivientes|personas que viven con el vih|trabajador[ae]s domestic[oa]s|afrodescendientes"
        r"|personas de ascendencia africana|huerfanos|extranjeros|no ciudadanos|campesinos|mujeres rurales|civiles",
        "measures": r"indicadores?|puntos de referencia|parametros|metas|objetivos cuantificables|estadisticas?"
        r"|datos desglosados|datos (?:estadisticos|fiables)|recopilacion de datos|(?:reunir|recopilar) datos"
        r"|cuotas?|cupos?|presupuest\w+|recursos (?:financieros|presupuestarios|humanos)"
        r"|asign\w+(?: \w+){0,4}? (?:recursos|fondos)"
        r"|financiacion|financiamiento|porcentaje",
        "deadline": r"\b(?:para|antes de(?:l)?|a mas tardar en) (?:(?:el|finales de|fines de|finales del|fines del) )*"
        r"(?:ano )?(?:19|20)\d\d\b|\ben un plazo de \w+ (?:dias|semanas|meses|anos?)"
        r"|\bantes del proximo (?:examen|ciclo|informe|periodo de sesiones)"
        r"|\bcalendario\b|\bcronograma\b|\bplazos? (?:concretos|definidos|especificos|claros)\b|\bcon plazos\b",
        "urgency": r"sin demora|sin dilacion|lo antes posible|cuanto antes|a la mayor brevedad|de inmediato|inmediatamente"
        r"|con caracter (?:urgente|prioritario)|con urgencia|rapidamente|sin mas demora",
    },
}
