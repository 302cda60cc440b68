# Urdu and Polish versions of the first advice pages, as drafts for a native speaker to review
# (readers see a notice while `draft_translation` is set). Created only where no page exists for
# that slug and language, so a page staff have already written or edited is never overwritten.

from django.db import migrations, models

TRANSLATIONS = {
    "pl": [
        (
            "what-is-a-hate-incident",
            "Czym jest incydent z nienawiści",
            "Wrogość wobec tego, kim ktoś jest, niezależnie od tego, czy jest to przestępstwo.",
            "Incydent z nienawiści to wszystko, co według osoby poszkodowanej lub kogokolwiek innego było spowodowane wrogością lub uprzedzeniem wobec:\n\n"
            "- rasy lub pochodzenia etnicznego\n- religii lub światopoglądu\n- orientacji seksualnej\n- niepełnosprawności\n- tożsamości transpłciowej\n- alternatywnej subkultury\n- płci\n\n"
            "Nie potrzebujesz dowodów i nie musi to być przestępstwo. Wyzwiska, graffiti, wpisy w internecie, zniszczenie mienia i przemoc mogą być incydentami z nienawiści.\n\n"
            "## Jeśli ktoś jest teraz w niebezpieczeństwie\n\nZadzwoń pod 999.",
        ),
        (
            "what-happens-next",
            "Co dzieje się po zgłoszeniu",
            "Kto czyta Twoje zgłoszenie i co robi.",
            "1. Otrzymasz numer referencyjny i prywatny link, pod którym możesz śledzić swoje zgłoszenie.\n"
            "2. Osoba oceniająca zgłoszenia przeczyta je w ciągu 2 dni roboczych, a w pilnej sprawie w ciągu godziny.\n"
            "3. Zgłoszenie trafia do zespołu, który może działać, na przykład do zespołu ds. bezpieczeństwa społeczności w urzędzie (council).\n"
            "4. Prostymi słowami zobaczysz, co zrobiono, i możesz wysyłać i odbierać wiadomości, nawet jeśli nie podano imienia i nazwiska.\n\n"
            "Przekazujemy zgłoszenie policji tylko wtedy, gdy się na to zgodzisz. W każdej chwili możesz zmienić zdanie, korzystając z prywatnego linku.",
        ),
        (
            "safeguarding-support",
            "Czym jest wsparcie ochronne (safeguarding)",
            "Dobrowolna pomoc dla osoby, która może zostać wciągnięta w coś szkodliwego.",
            "Jeśli martwisz się, że ktoś jest wciągany w poglądy pełne nienawiści lub przemocy, możesz najpierw porozmawiać z przeszkolonym doradcą.\n\n"
            "## Czym jest wsparcie\n\n- jest dobrowolne: osoba sama decyduje, czy wziąć udział\n- to pomoc mentorów, pracowników młodzieżowych oraz służb zdrowia, edukacji i mieszkaniowych\n\n"
            "## Czym wsparcie nie jest\n\n- nie oznacza wpisu do rejestru karnego\n- nie jest oskarżeniem\n- nie jest inwigilacją: decyzje podejmują ludzie, z podaniem powodów, i nikt nie otrzymuje automatycznej oceny ryzyka",
        ),
        (
            "where-to-get-support",
            "Gdzie szukać wsparcia",
            "Pomoc dla osób dotkniętych nienawiścią.",
            "- W nagłej sytuacji zadzwoń pod 999. Aby w innej sytuacji zgłosić sprawę policji, zadzwoń pod 101.\n"
            "- Służby wsparcia ofiar (victim support) udzielają bezpłatnej, poufnej pomocy, niezależnie od tego, czy zgłoszono sprawę policji.\n"
            "- Niezależne punkty zgłaszania przestępstw z nienawiści (third-party reporting centres) pomogą Ci zgłosić sprawę w bezpiecznym miejscu, poufnie.\n"
            "- Jeśli jest Ci ciężko, Samaritans są dostępni w dzień i w nocy pod numerem 116 123.",
        ),
        (
            "how-your-data-is-used",
            "Jak wykorzystujemy Twoje informacje",
            "Co przechowujemy, kto to widzi i jak długo.",
            "To, co nam przekażesz, wykorzystujemy tylko po to, aby odpowiedzieć na Twoje zgłoszenie i widzieć, jak zmienia się nienawiść w okolicy.\n\n"
            "- Nie musisz podawać imienia i nazwiska.\n- Jeśli go nie podasz, nie przechowujemy Twojego adresu internetowego ani danych urządzenia.\n"
            "- Z przesłanych zdjęć usuwamy informacje o lokalizacji.\n- Twoje zgłoszenie widzą tylko zespoły, które muszą działać.\n"
            "- Zgłoszenie, po którym nie podjęto dalszych działań, jest usuwane po 2 latach.\n\nPrzeczytaj pełną informację o prywatności, aby poznać swoje prawa.",
        ),
    ],
    "ur": [
        (
            "what-is-a-hate-incident",
            "نفرت پر مبنی واقعہ کیا ہے",
            "کسی کی شناخت کی وجہ سے دشمنی، چاہے وہ جرم ہو یا نہ ہو۔",
            "نفرت پر مبنی واقعہ ہر وہ بات ہے جس کے بارے میں متاثرہ شخص، یا کوئی اور، سمجھے کہ یہ ان چیزوں کی وجہ سے دشمنی یا تعصب سے ہوئی:\n\n"
            "- نسل یا قومیت\n- مذہب یا عقیدہ\n- جنسی رجحان\n- معذوری\n- ٹرانس جینڈر شناخت\n- کوئی متبادل ذیلی ثقافت (subculture)\n- جنس\n\n"
            "آپ کو ثبوت کی ضرورت نہیں، اور اس کا جرم ہونا ضروری نہیں۔ گالیاں یا برے نام، دیواروں پر لکھائی (graffiti)، آن لائن پوسٹس، نقصان پہنچانا اور تشدد، سب نفرت پر مبنی واقعات ہو سکتے ہیں۔\n\n"
            "## اگر کوئی ابھی خطرے میں ہے\n\n999 پر کال کریں۔",
        ),
        (
            "what-happens-next",
            "رپورٹ کرنے کے بعد کیا ہوتا ہے",
            "آپ کی رپورٹ کون پڑھتا ہے، اور وہ کیا کرتے ہیں۔",
            "1. آپ کو ایک ریفرنس نمبر اور ایک نجی لنک ملتا ہے جس سے آپ اپنی رپورٹ کی پیروی کر سکتے ہیں۔\n"
            "2. ایک جانچ کرنے والا افسر اسے 2 کاروباری دنوں میں پڑھتا ہے، یا اگر معاملہ فوری ہو تو ایک گھنٹے کے اندر۔\n"
            "3. رپورٹ اس ٹیم کو جاتی ہے جو کارروائی کر سکتی ہے، مثلاً کونسل کی کمیونٹی سیفٹی ٹیم۔\n"
            "4. آپ آسان الفاظ میں دیکھ سکتے ہیں کہ کیا کیا گیا، اور پیغامات بھیج اور وصول کر سکتے ہیں، چاہے آپ نے اپنا نام نہ دیا ہو۔\n\n"
            "ہم آپ کی رپورٹ پولیس کو صرف آپ کی رضامندی سے بھیجتے ہیں۔ آپ اپنے نجی لنک سے کسی بھی وقت اپنا فیصلہ بدل سکتے ہیں۔",
        ),
        (
            "safeguarding-support",
            "حفاظتی مدد (safeguarding) کیا ہے",
            "ایسے شخص کے لیے رضاکارانہ مدد جو نقصان کی طرف کھنچ رہا ہو۔",
            "اگر آپ کو فکر ہے کہ کوئی نفرت یا تشدد پر مبنی خیالات کی طرف کھنچ رہا ہے، تو آپ پہلے ایک تربیت یافتہ مشیر سے بات کر سکتے ہیں۔\n\n"
            "## مدد کیا ہے\n\n- رضاکارانہ: وہ شخص خود فیصلہ کرتا ہے کہ حصہ لے یا نہیں\n- سرپرستوں (mentors)، یوتھ ورکرز، اور صحت، تعلیم اور رہائش کی خدمات کی طرف سے مدد\n\n"
            "## مدد کیا نہیں ہے\n\n- یہ مجرمانہ ریکارڈ نہیں ہے\n- یہ الزام نہیں ہے\n- یہ نگرانی نہیں ہے: فیصلے لوگ وجوہات کے ساتھ کرتے ہیں، اور کسی کو خودکار خطرے کا اسکور نہیں دیا جاتا",
        ),
        (
            "where-to-get-support",
            "مدد کہاں سے حاصل کریں",
            "نفرت سے متاثرہ لوگوں کے لیے مدد۔",
            "- ہنگامی صورت میں 999 پر کال کریں۔ دوسری صورت میں پولیس کو رپورٹ کرنے کے لیے 101 پر کال کریں۔\n"
            "- متاثرین کی مدد کی خدمات (victim support) مفت اور رازدارانہ مدد دیتی ہیں، چاہے آپ نے پولیس کو رپورٹ کیا ہو یا نہیں۔\n"
            "- نفرت پر مبنی جرائم کی رپورٹنگ کے آزاد مراکز (third-party reporting centres) آپ کو محفوظ جگہ پر، رازداری سے رپورٹ کرنے میں مدد دے سکتے ہیں۔\n"
            "- اگر آپ مشکل میں ہیں تو Samaritans دن رات 116 123 پر موجود ہیں۔",
        ),
        (
            "how-your-data-is-used",
            "آپ کی معلومات کیسے استعمال ہوتی ہیں",
            "ہم کیا رکھتے ہیں، اسے کون دیکھتا ہے اور کتنی دیر تک۔",
            "آپ ہمیں جو بتاتے ہیں ہم اسے صرف آپ کی رپورٹ کا جواب دینے اور یہ دیکھنے کے لیے استعمال کرتے ہیں کہ علاقے میں نفرت کیسے بدل رہی ہے۔\n\n"
            "- آپ کو اپنا نام دینا ضروری نہیں۔\n- اگر آپ نام نہیں دیتے تو ہم آپ کا انٹرنیٹ ایڈریس یا ڈیوائس کی تفصیلات نہیں رکھتے۔\n"
            "- آپ کی بھیجی گئی تصاویر سے مقام کی تفصیلات ہٹا دی جاتی ہیں۔\n- آپ کی رپورٹ صرف وہ ٹیمیں دیکھ سکتی ہیں جنہیں کارروائی کرنی ہے۔\n"
            "- جس رپورٹ پر مزید کارروائی نہ ہو وہ 2 سال بعد مٹا دی جاتی ہے۔\n\nاپنے حقوق جاننے کے لیے مکمل پرائیویسی نوٹس پڑھیں۔",
        ),
    ],
}


def add_translations(apps, schema_editor):
    ContentPage = apps.get_model("reports", "ContentPage")
    for language, pages in TRANSLATIONS.items():
        for slug, title, summary, body in pages:
            if not ContentPage.objects.filter(slug=slug, language="en").exists():
                continue  # the English page was retired: do not bring it back in another language
            ContentPage.objects.get_or_create(
                slug=slug,
                language=language,
                defaults={"title": title, "summary": summary, "body": body, "draft_translation": True},
            )


def remove_untouched_drafts(apps, schema_editor):
    ContentPage = apps.get_model("reports", "ContentPage")
    for language, pages in TRANSLATIONS.items():
        for slug, title, _summary, body in pages:
            ContentPage.objects.filter(
                slug=slug, language=language, draft_translation=True, title=title, body=body, updated_by=None
            ).delete()


class Migration(migrations.Migration):
    dependencies = [("reports", "0007_call_back_requests")]

    operations = [
        migrations.AddField(
            model_name="contentpage",
            name="draft_translation",
            field=models.BooleanField(
                default=False,
                help_text="A translation not yet checked by a native speaker: readers see a notice saying so.",
            ),
        ),
        migrations.RunPython(add_translations, remove_untouched_drafts),
    ]
