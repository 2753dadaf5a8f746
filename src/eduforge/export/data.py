"""What both exports read from a lesson: frontmatter as JSON, the documented HTML fields
sanitized, Diátaxis types, UI strings; and the rendering of every lesson, once."""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nh3

from eduforge import __version__
from eduforge.curriculum import Lesson
from eduforge.export.markdown import LinkPolicy, MarkdownRenderer, Rendered
from eduforge.export.rawcode import PageFile
from eduforge.site.frontmatter import KeptFrontmatter, restore_frontmatter, split_and_parse
from eduforge.site.page import Page, decode_text, read_bytes
from eduforge.site.slug import github_slug

GENERATOR = f"eduforge {__version__}"

DIATAXIS = {
    "tutorial": "tutorial",
    "tutorials": "tutorial",
    "how-to": "how-to guide",
    "how-tos": "how-to guide",
    "howto": "how-to guide",
    "how-to-guides": "how-to guide",
    "guides": "how-to guide",
    "guide": "how-to guide",
    "panduan": "how-to guide",
    "reference": "reference",
    "references": "reference",
    "referensi": "reference",
    "explanation": "explanation",
    "explanations": "explanation",
    "concepts": "explanation",
    "penjelasan": "explanation",
}
"""First folder (slugged) → schema.org ``learningResourceType`` for the Diátaxis quadrants."""


def with_frontmatter(pages: list[Page], kept: Mapping[str, KeptFrontmatter] | None = None) -> list[Page]:
    """Give pages restored from the run's page states their frontmatter and body back.

    The engine keeps only what the checks need of a page; the curriculum
    (``sidebar``, ``prev``/``next``) and the export need the frontmatter and body.
    ``kept`` (what the run kept of each page's reading, by path: ``lint(kept=…)``) is the page as the checks
    read it: the export shows exactly that, and reads no file again.  A page the checks took from their
    cache is read and parsed here.  A file that cannot be read keeps an empty frontmatter (its load problem
    is reported by the checks).
    """
    for page in pages:
        if page.frontmatter.data is not None or page.frontmatter.body:
            continue
        reading = kept.get(page.path) if kept is not None else None
        if reading is not None:
            page.frontmatter = restore_frontmatter(reading)
            continue
        raw, _ = read_bytes(page.file)
        text, _ = decode_text(raw) if raw is not None else (None, None)
        if text is not None:
            page.frontmatter = split_and_parse(text)
    return pages


def diataxis_type(lesson: Lesson) -> str | None:
    """The Diátaxis type of the folder a lesson sits in (below its locale), if it is one."""
    parts = lesson.page.source_id.split("/")
    if lesson.page.locale is not None and parts and parts[0] == lesson.page.locale:
        parts = parts[1:]
    return DIATAXIS.get(github_slug(parts[0])) if len(parts) > 1 else None


MAX_FRONTMATTER_JSON = 16_000_000
"""Characters the frontmatter of one lesson may take in the JSON export.  YAML aliases
let a 300 KB page name one string 90,000 times: 26 GB once written out in full."""


def json_size(value: Any, seen: dict[int, int] | None = None) -> int:
    """About how many characters ``value`` takes as JSON, counting a shared value at each use
    but measuring it once (so an alias bomb is measured in time linear in the page)."""
    seen = {} if seen is None else seen
    if isinstance(value, str):
        return len(value) + 2
    if not isinstance(value, (dict, list)):
        return 8
    known = seen.get(id(value))
    if known is not None:
        return known
    seen[id(value)] = 0  # a cycle (impossible from YAML here) counts as empty
    items = value.items() if isinstance(value, dict) else ((None, item) for item in value)
    total = 2
    for key, item in items:
        total += json_size(item, seen) + (len(str(key)) + 3 if key is not None else 1)
        if total > MAX_FRONTMATTER_JSON:
            break
    seen[id(value)] = total
    return total


def json_value(value: Any) -> Any:
    """Frontmatter as JSON: dates as ISO strings, non-finite numbers as null."""
    if isinstance(value, dict):
        return {str(key): json_value(item) for key, item in value.items()}
    if isinstance(value, list):
        return [json_value(item) for item in value]
    if isinstance(value, dt.datetime):
        return value.isoformat().replace("+00:00", "Z")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


_CLEANER: Any = nh3.Cleaner() if hasattr(nh3, "Cleaner") else None
"""``nh3.clean``'s sanitizer (its defaults), built once: ``nh3.clean`` builds it again each call
(nh3 ≥ 0.3; 5 µs of the 6 a hero title costs)."""


def sanitize(value: Any) -> str:
    """A frontmatter field Starlight documents as HTML, with scripts and handlers removed."""
    if not isinstance(value, str):
        return ""
    return str(_CLEANER.clean(value)) if _CLEANER is not None else nh3.clean(value)


HTML_FIELDS = (("hero", "title"), ("hero", "tagline"), ("hero", "image", "html"), ("banner", "content"))
"""The frontmatter fields Starlight documents as HTML."""


def text_field(data: dict[str, Any], *path: str) -> str | None:
    value: Any = data
    for key in path:
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value if isinstance(value, str) else None


def description(lesson: Lesson) -> str:
    return text_field(lesson.page.data, "description") or ""


def last_updated(lesson: Lesson) -> str | None:
    value = lesson.page.data.get("lastUpdated")
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return None


def toc_levels(lesson: Lesson) -> tuple[int, int] | None:
    """Starlight's ``tableOfContents``: (min, max) heading levels, or None when turned off."""
    data = lesson.page.data
    if data.get("template") == "splash":
        return None
    value = data.get("tableOfContents", True)
    if value is False:
        return None
    if isinstance(value, dict):
        low, high = value.get("minHeadingLevel", 2), value.get("maxHeadingLevel", 3)
        if isinstance(low, int) and isinstance(high, int) and 1 <= low <= high <= 6:
            return low, high
    return 2, 3


@dataclass
class Body:
    """A lesson's rendered body and what rendering it warned about."""

    rendered: Rendered
    warnings: list[str] = field(default_factory=list)


PARALLEL_RENDER_FROM = 200
"""Below this many lessons, worker processes cost more than they save."""

RenderJob = tuple[
    list[Lesson], Callable[[Lesson], MarkdownRenderer], Callable[[Lesson, list[str]], "LinkPolicy | None"], Any
]


def render_one(lesson: Lesson, renderer: MarkdownRenderer, policy: LinkPolicy | None, warnings: list[str]) -> Body:
    """Render one lesson; a page the renderer cannot handle is shown as its escaped source."""
    page = lesson.page
    try:
        rendered = renderer.render(
            page.frontmatter.body,
            mdx=page.is_mdx,
            links=policy,
            reading=page.facts,
            file=PageFile.of(page) if page.is_mdx else None,  # only MDX imports files
        )
    except Exception as error:  # a renderer bug must not lose the lesson
        from eduforge.export.render import escape_html

        rendered = Rendered(
            f"<pre>{escape_html(page.frontmatter.body)}</pre>\n",
            [],
            page.frontmatter.body,
            0,
            [f"the body could not be rendered ({type(error).__name__}: {error}); it is shown as text"],
        )
    return Body(rendered, rendered.warnings + warnings)


def _render_chunk(job: RenderJob, chunk: list[int]) -> list[tuple[Body, dict[Any, str]]]:
    lessons, renderer_for, policy, targets = job
    results = []
    for index in chunk:
        lesson = lessons[index]
        mark = targets.mark() if targets is not None else 0
        warnings: list[str] = []
        body = render_one(lesson, renderer_for(lesson), policy(lesson, warnings), warnings)
        added = targets.added_since(mark) if targets is not None else {}
        results.append((body, added))
    return results


def render_lessons(
    lessons: list[Lesson],
    renderer_for: Callable[[Lesson], MarkdownRenderer],
    policy: Callable[[Lesson, list[str]], LinkPolicy | None],
    targets: Any = None,
) -> dict[int, Body]:
    """Render every lesson once (keyed by ``id(lesson)``), on every core when there are many.

    ``targets`` (an :class:`~eduforge.export.links.Targets`) collects the local files the
    bodies use; files found in worker processes are merged back into it.
    """
    from eduforge.export.code import warm_up
    from eduforge.parallel import fork_map

    if len(lessons) >= PARALLEL_RENDER_FROM:  # what every worker needs, made once before they fork
        warm_up(lesson.page.frontmatter.body for lesson in lessons)
    job: RenderJob = (lessons, renderer_for, policy, targets)
    results = fork_map(_render_chunk, list(range(len(lessons))), job, min_items=PARALLEL_RENDER_FROM)
    bodies: dict[int, Body] = {}
    for lesson, (body, added) in zip(lessons, results, strict=True):
        bodies[id(lesson)] = body
        if targets is not None:
            for file, relative in added.items():
                targets.assets.setdefault(file, relative)
    return bodies


# --- UI strings -------------------------------------------------------------------------
# Built-in strings, written for learners (Starlight's own translations were the guide where it
# has the same string).  A site's ``src/content/i18n/<lang>.json`` comes first (strings_for).

_EN = {
    "skip": "Skip to content",
    "search": "Search",
    "search.placeholder": "Search lessons…",
    "search.none": "No results for",
    "search.loading": "Loading…",
    "search.hint": "Press / to search",
    "menu": "Menu",
    "theme": "Switch between light and dark",
    "language": "Select language",
    "nav": "Main",
    "toc": "On this page",
    "toc.overview": "Overview",
    "prev": "Previous",
    "next": "Next",
    "lastUpdated": "Last updated:",
    "draft": "Draft",
    "minutes": "{n} min read",
    "contents": "Course contents",
    "start": "Start learning",
    "continue": "Start here",
    "print": "Print or save as PDF",
    "lessons": "{n} lessons",
    "lesson": "Lesson {n} of {total}",
    "aside.note": "Note",
    "aside.tip": "Tip",
    "aside.caution": "Caution",
    "aside.danger": "Danger",
    "copy": "Copy to clipboard",
    "copied": "Copied!",
    "anchor": "Link to this section",
    "home": "Home",
    "hidden": "Not in the sidebar",
    "fallback": "This page is not translated yet; it is shown in the default language.",
    "printed": "Printed from an eduforge export",
    "component": "The component <{name}> cannot be shown here; its content is shown without it.",
}
_ID = {
    "skip": "Lewati ke konten",
    "search": "Cari",
    "search.placeholder": "Cari materi…",
    "search.none": "Tidak ada hasil untuk",
    "search.loading": "Memuat…",
    "search.hint": "Tekan / untuk mencari",
    "menu": "Menu",
    "theme": "Ganti tema terang atau gelap",
    "language": "Pilih bahasa",
    "nav": "Utama",
    "toc": "Di halaman ini",
    "toc.overview": "Ringkasan",
    "prev": "Sebelumnya",
    "next": "Selanjutnya",
    "lastUpdated": "Terakhir diperbarui:",
    "draft": "Draf",
    "minutes": "{n} menit baca",
    "contents": "Daftar materi",
    "start": "Mulai belajar",
    "continue": "Mulai di sini",
    "print": "Cetak atau simpan sebagai PDF",
    "lessons": "{n} materi",
    "lesson": "Materi {n} dari {total}",
    "aside.note": "Catatan",
    "aside.tip": "Tips",
    "aside.caution": "Perhatian",
    "aside.danger": "Bahaya",
    "copy": "Salin",
    "copied": "Tersalin!",
    "anchor": "Tautan ke bagian ini",
    "home": "Beranda",
    "hidden": "Tidak ada di sidebar",
    "fallback": "Halaman ini belum diterjemahkan; ditampilkan dalam bahasa utama.",
    "printed": "Dicetak dari ekspor eduforge",
    "component": "Komponen <{name}> tidak dapat ditampilkan di sini; isinya ditampilkan tanpanya.",
}
_DE = {
    "skip": "Zum Inhalt springen",
    "search": "Suchen",
    "search.placeholder": "Lektionen durchsuchen…",
    "search.none": "Keine Ergebnisse für",
    "search.loading": "Laden…",
    "search.hint": "Drücke / zum Suchen",
    "menu": "Menü",
    "theme": "Zwischen hell und dunkel wechseln",
    "language": "Sprache auswählen",
    "nav": "Hauptnavigation",
    "toc": "Auf dieser Seite",
    "toc.overview": "Überblick",
    "prev": "Vorherige Seite",
    "next": "Nächste Seite",
    "lastUpdated": "Zuletzt bearbeitet:",
    "draft": "Entwurf",
    "minutes": "{n} Min. Lesezeit",
    "contents": "Kursinhalt",
    "start": "Jetzt lernen",
    "continue": "Hier beginnen",
    "print": "Drucken oder als PDF speichern",
    "lessons": "{n} Lektionen",
    "lesson": "Lektion {n} von {total}",
    "aside.note": "Hinweis",
    "aside.tip": "Tipp",
    "aside.caution": "Achtung",
    "aside.danger": "Gefahr",
    "copy": "Kopieren",
    "copied": "Kopiert!",
    "anchor": "Link zu diesem Abschnitt",
    "home": "Startseite",
    "hidden": "Nicht in der Seitenleiste",
    "fallback": "Diese Seite ist noch nicht übersetzt; sie wird in der Standardsprache angezeigt.",
    "printed": "Gedruckt aus einem eduforge-Export",
    "component": "Die Komponente <{name}> kann hier nicht angezeigt werden; ihr Inhalt wird ohne sie gezeigt.",
}
_ES = {
    "skip": "Ir al contenido",
    "search": "Buscar",
    "search.placeholder": "Buscar lecciones…",
    "search.none": "No hay resultados para",
    "search.loading": "Cargando…",
    "search.hint": "Pulsa / para buscar",
    "menu": "Menú",
    "theme": "Cambiar entre tema claro y oscuro",
    "language": "Seleccionar idioma",
    "nav": "Principal",
    "toc": "En esta página",
    "toc.overview": "Resumen",
    "prev": "Anterior",
    "next": "Siguiente",
    "lastUpdated": "Última actualización:",
    "draft": "Borrador",
    "minutes": "{n} min de lectura",
    "contents": "Contenido del curso",
    "start": "Empezar a aprender",
    "continue": "Empieza aquí",
    "print": "Imprimir o guardar como PDF",
    "lessons": "{n} lecciones",
    "lesson": "Lección {n} de {total}",
    "aside.note": "Nota",
    "aside.tip": "Consejo",
    "aside.caution": "Precaución",
    "aside.danger": "Peligro",
    "copy": "Copiar al portapapeles",
    "copied": "¡Copiado!",
    "anchor": "Enlace a esta sección",
    "home": "Inicio",
    "hidden": "No está en la barra lateral",
    "fallback": "Esta página aún no está traducida; se muestra en el idioma predeterminado.",
    "printed": "Impreso desde una exportación de eduforge",
    "component": "El componente <{name}> no se puede mostrar aquí; su contenido se muestra sin él.",
}
_FR = {
    "skip": "Aller au contenu",
    "search": "Rechercher",
    "search.placeholder": "Rechercher une leçon…",
    "search.none": "Aucun résultat pour",
    "search.loading": "Chargement…",
    "search.hint": "Appuyez sur / pour rechercher",
    "menu": "Menu",
    "theme": "Basculer entre thème clair et sombre",
    "language": "Choisir la langue",
    "nav": "Principale",
    "toc": "Sur cette page",
    "toc.overview": "Vue d’ensemble",
    "prev": "Précédent",
    "next": "Suivant",
    "lastUpdated": "Dernière mise à jour :",
    "draft": "Brouillon",
    "minutes": "{n} min de lecture",
    "contents": "Contenu du cours",
    "start": "Commencer",
    "continue": "Commencez ici",
    "print": "Imprimer ou enregistrer en PDF",
    "lessons": "{n} leçons",
    "lesson": "Leçon {n} sur {total}",
    "aside.note": "Remarque",
    "aside.tip": "Astuce",
    "aside.caution": "Attention",
    "aside.danger": "Danger",
    "copy": "Copier dans le presse-papiers",
    "copied": "Copié !",
    "anchor": "Lien vers cette section",
    "home": "Accueil",
    "hidden": "Absent de la barre latérale",
    "fallback": "Cette page n’est pas encore traduite ; elle est affichée dans la langue par défaut.",
    "printed": "Imprimé depuis un export eduforge",
    "component": "Le composant <{name}> ne peut pas être affiché ici ; son contenu est affiché sans lui.",
}
_PT = {
    "skip": "Pular para o conteúdo",
    "search": "Pesquisar",
    "search.placeholder": "Pesquisar lições…",
    "search.none": "Nenhum resultado para",
    "search.loading": "Carregando…",
    "search.hint": "Pressione / para pesquisar",
    "menu": "Menu",
    "theme": "Alternar entre tema claro e escuro",
    "language": "Selecionar idioma",
    "nav": "Principal",
    "toc": "Nesta página",
    "toc.overview": "Visão geral",
    "prev": "Anterior",
    "next": "Próximo",
    "lastUpdated": "Última atualização:",
    "draft": "Rascunho",
    "minutes": "{n} min de leitura",
    "contents": "Conteúdo do curso",
    "start": "Começar a aprender",
    "continue": "Comece aqui",
    "print": "Imprimir ou salvar como PDF",
    "lessons": "{n} lições",
    "lesson": "Lição {n} de {total}",
    "aside.note": "Nota",
    "aside.tip": "Dica",
    "aside.caution": "Cuidado",
    "aside.danger": "Perigo",
    "copy": "Copiar para a área de transferência",
    "copied": "Copiado!",
    "anchor": "Link para esta seção",
    "home": "Início",
    "hidden": "Fora da barra lateral",
    "fallback": "Esta página ainda não foi traduzida; ela é exibida no idioma padrão.",
    "printed": "Impresso a partir de uma exportação do eduforge",
    "component": "O componente <{name}> não pode ser exibido aqui; seu conteúdo é mostrado sem ele.",
}
_JA = {
    "skip": "コンテンツにスキップ",
    "search": "検索",
    "search.placeholder": "レッスンを検索…",
    "search.none": "検索結果がありません:",
    "search.loading": "読み込み中…",
    "search.hint": "/ キーで検索",
    "menu": "メニュー",
    "theme": "ライトテーマとダークテーマを切り替える",
    "language": "言語を選択",
    "nav": "メイン",
    "toc": "目次",
    "toc.overview": "概要",
    "prev": "前へ",
    "next": "次へ",
    "lastUpdated": "最終更新日:",
    "draft": "下書き",
    "minutes": "約{n}分で読めます",
    "contents": "コースの内容",
    "start": "学習を始める",
    "continue": "ここから始める",
    "print": "印刷または PDF として保存",
    "lessons": "{n} レッスン",
    "lesson": "レッスン {n} / {total}",
    "aside.note": "ノート",
    "aside.tip": "ヒント",
    "aside.caution": "注意",
    "aside.danger": "危険",
    "copy": "クリップボードにコピー",
    "copied": "コピーしました!",
    "anchor": "このセクションへのリンク",
    "home": "ホーム",
    "hidden": "サイドバーにはありません",
    "fallback": "このページはまだ翻訳されていません。デフォルトの言語で表示しています。",
    "printed": "eduforge のエクスポートから印刷",
    "component": "コンポーネント <{name}> はここでは表示できません。中身のみを表示しています。",
}
_ZH = {
    "skip": "跳转到内容",
    "search": "搜索",
    "search.placeholder": "搜索课程…",
    "search.none": "没有找到结果：",
    "search.loading": "加载中…",
    "search.hint": "按 / 搜索",
    "menu": "菜单",
    "theme": "切换浅色或深色主题",
    "language": "选择语言",
    "nav": "主导航",
    "toc": "本页内容",
    "toc.overview": "概述",
    "prev": "上一页",
    "next": "下一页",
    "lastUpdated": "最后更新于：",
    "draft": "草稿",
    "minutes": "阅读约 {n} 分钟",
    "contents": "课程目录",
    "start": "开始学习",
    "continue": "从这里开始",
    "print": "打印或另存为 PDF",
    "lessons": "{n} 节课",
    "lesson": "第 {n} 课，共 {total} 课",
    "aside.note": "注意",
    "aside.tip": "提示",
    "aside.caution": "警告",
    "aside.danger": "危险",
    "copy": "复制到剪贴板",
    "copied": "已复制！",
    "anchor": "链接到本节",
    "home": "首页",
    "hidden": "不在侧边栏中",
    "fallback": "此页面尚未翻译，以默认语言显示。",
    "printed": "打印自 eduforge 导出",
    "component": "组件 <{name}> 无法在此显示；仅显示其内容。",
}
_AR = {
    "skip": "انتقل إلى المحتوى",
    "search": "بحث",
    "search.placeholder": "ابحث في الدروس…",
    "search.none": "لا توجد نتائج لـ",
    "search.loading": "جارٍ التحميل…",
    "search.hint": "اضغط / للبحث",
    "menu": "القائمة",
    "theme": "التبديل بين الوضع الفاتح والداكن",
    "language": "اختر اللغة",
    "nav": "الرئيسية",
    "toc": "في هذه الصفحة",
    "toc.overview": "نظرة عامة",
    "prev": "السابق",
    "next": "التالي",
    "lastUpdated": "آخر تحديث:",
    "draft": "مسودة",
    "minutes": "{n} دقيقة قراءة",
    "contents": "محتوى الدورة",
    "start": "ابدأ التعلم",
    "continue": "ابدأ من هنا",
    "print": "اطبع أو احفظ بصيغة PDF",
    "lessons": "{n} دروس",
    "lesson": "الدرس {n} من {total}",
    "aside.note": "ملاحظة",
    "aside.tip": "نصيحة",
    "aside.caution": "تنبيه",
    "aside.danger": "خطر",
    "copy": "نسخ إلى الحافظة",
    "copied": "تم النسخ!",
    "anchor": "رابط إلى هذا القسم",
    "home": "الرئيسية",
    "hidden": "غير موجود في الشريط الجانبي",
    "fallback": "لم تُترجم هذه الصفحة بعد؛ وهي معروضة باللغة الافتراضية.",
    "printed": "طُبع من تصدير eduforge",
    "component": "لا يمكن عرض المكوّن <{name}> هنا؛ يُعرض محتواه بدونه.",
}
_FA = {
    "skip": "پرش به محتوا",
    "search": "جستجو",
    "search.placeholder": "جستجو در درس‌ها…",
    "search.none": "نتیجه‌ای یافت نشد برای",
    "search.loading": "در حال بارگذاری…",
    "search.hint": "برای جستجو / را فشار دهید",
    "menu": "منو",
    "theme": "تغییر بین حالت روشن و تیره",
    "language": "انتخاب زبان",
    "nav": "اصلی",
    "toc": "در این صفحه",
    "toc.overview": "نگاه کلی",
    "prev": "قبلی",
    "next": "بعدی",
    "lastUpdated": "آخرین به‌روزرسانی:",
    "draft": "پیش‌نویس",
    "minutes": "{n} دقیقه مطالعه",
    "contents": "فهرست دوره",
    "start": "شروع یادگیری",
    "continue": "از اینجا شروع کنید",
    "print": "چاپ یا ذخیره به صورت PDF",
    "lessons": "{n} درس",
    "lesson": "درس {n} از {total}",
    "aside.note": "یادداشت",
    "aside.tip": "نکته",
    "aside.caution": "احتیاط",
    "aside.danger": "خطر",
    "copy": "کپی در کلیپ‌بورد",
    "copied": "کپی شد!",
    "anchor": "پیوند به این بخش",
    "home": "خانه",
    "hidden": "در نوار کناری نیست",
    "fallback": "این صفحه هنوز ترجمه نشده است؛ به زبان پیش‌فرض نمایش داده می‌شود.",
    "printed": "چاپ‌شده از خروجی eduforge",
    "component": "مؤلفهٔ <{name}> اینجا نمایش داده نمی‌شود؛ محتوای آن بدون خود مؤلفه نمایش داده می‌شود.",
}
"""Persian: the right-to-left language of Starlight's own docs (with English strings, its pages
showed ".This page is not translated yet" and "min read 3")."""
_HE = {
    "skip": "מעבר לתוכן",
    "search": "חיפוש",
    "search.placeholder": "חיפוש בשיעורים…",
    "search.none": "אין תוצאות עבור",
    "search.loading": "טוען…",
    "search.hint": "הקישו / לחיפוש",
    "menu": "תפריט",
    "theme": "מעבר בין מצב בהיר למצב כהה",
    "language": "בחירת שפה",
    "nav": "ראשי",
    "toc": "בדף זה",
    "toc.overview": "סקירה כללית",
    "prev": "הקודם",
    "next": "הבא",
    "lastUpdated": "עודכן לאחרונה:",
    "draft": "טיוטה",
    "minutes": "{n} דקות קריאה",
    "contents": "תוכן הקורס",
    "start": "התחילו ללמוד",
    "continue": "התחילו כאן",
    "print": "הדפסה או שמירה כ־PDF",
    "lessons": "{n} שיעורים",
    "lesson": "שיעור {n} מתוך {total}",
    "aside.note": "הערה",
    "aside.tip": "טיפ",
    "aside.caution": "זהירות",
    "aside.danger": "סכנה",
    "copy": "העתקה ללוח",
    "copied": "הועתק!",
    "anchor": "קישור לסעיף זה",
    "home": "דף הבית",
    "hidden": "לא מופיע בסרגל הצד",
    "fallback": "דף זה עדיין לא תורגם; הוא מוצג בשפת ברירת המחדל.",
    "printed": "הודפס מייצוא של eduforge",
    "component": "לא ניתן להציג כאן את הרכיב <{name}>; תוכנו מוצג בלעדיו.",
}
"""Hebrew (right to left): learners are addressed in the plural imperative, as Starlight's Hebrew strings do."""
_UR = {
    "skip": "مواد پر جائیں",
    "search": "تلاش",
    "search.placeholder": "اسباق میں تلاش کریں…",
    "search.none": "کوئی نتیجہ نہیں ملا:",
    "search.loading": "لوڈ ہو رہا ہے…",
    "search.hint": "تلاش کے لیے / دبائیں",
    "menu": "مینو",
    "theme": "روشن اور تاریک انداز کے درمیان تبدیل کریں",
    "language": "زبان منتخب کریں",
    "nav": "مرکزی",
    "toc": "اس صفحے پر",
    "toc.overview": "جائزہ",
    "prev": "پچھلا",
    "next": "اگلا",
    "lastUpdated": "آخری تازہ کاری:",
    "draft": "مسودہ",
    "minutes": "{n} منٹ کا مطالعہ",
    "contents": "کورس کا مواد",
    "start": "سیکھنا شروع کریں",
    "continue": "یہاں سے شروع کریں",
    "print": "پرنٹ کریں یا PDF کے طور پر محفوظ کریں",
    "lessons": "{n} اسباق",
    "lesson": "سبق {n} از {total}",
    "aside.note": "نوٹ",
    "aside.tip": "مشورہ",
    "aside.caution": "احتیاط",
    "aside.danger": "خطرہ",
    "copy": "کلپ بورڈ پر کاپی کریں",
    "copied": "کاپی ہو گیا!",
    "anchor": "اس حصے کا لنک",
    "home": "سرورق",
    "hidden": "سائیڈ بار میں شامل نہیں",
    "fallback": "اس صفحے کا ابھی ترجمہ نہیں ہوا؛ یہ طے شدہ زبان میں دکھایا جا رہا ہے۔",
    "printed": "eduforge ایکسپورٹ سے پرنٹ کیا گیا",
    "component": "جزو <{name}> یہاں نہیں دکھایا جا سکتا؛ اس کا مواد اس کے بغیر دکھایا گیا ہے۔",
}
"""Urdu (right to left), in Urdu's own letters (ی ک ہ ے, the full stop ۔), not the Arabic ي ك ه."""

STRINGS = {
    "en": _EN,
    "id": _ID,
    "de": _DE,
    "es": _ES,
    "fr": _FR,
    "pt": _PT,
    "ja": _JA,
    "zh": _ZH,
    "ar": _AR,
    "fa": _FA,
    "he": _HE,
    "ur": _UR,
}

STARLIGHT_KEYS = {
    "skipLink.label": "skip",
    "search.label": "search",
    "menuButton.accessibleLabel": "menu",
    "themeSelect.accessibleLabel": "theme",
    "languageSelect.accessibleLabel": "language",
    "sidebarNav.accessibleLabel": "nav",
    "tableOfContents.onThisPage": "toc",
    "tableOfContents.overview": "toc.overview",
    "page.previousLink": "prev",
    "page.nextLink": "next",
    "page.lastUpdated": "lastUpdated",
    "page.draft": "draft",
    "i18n.untranslatedContent": "fallback",
    "aside.note": "aside.note",
    "aside.tip": "aside.tip",
    "aside.caution": "aside.caution",
    "aside.danger": "aside.danger",
    "expressiveCode.copyButtonTooltip": "copy",
    "expressiveCode.copyButtonCopied": "copied",
}
"""Keys of Starlight's i18n collection (``src/content/i18n/*.json``) → eduforge's UI string names.
Strings with placeholders of their own (``heading.anchorLabel``'s ``{{title}}``) are not taken."""


def strings_for(lang: str, site_strings: Mapping[str, Mapping[str, str]] | None = None) -> dict[str, str]:
    """UI strings for a language (``id``, ``pt-BR``…): the site's own (by tag, then primary
    language), then eduforge's built-in ones, then English."""
    primary = lang.lower().replace("_", "-").split("-")[0]
    strings = {**_EN, **STRINGS.get(primary, {})}
    if site_strings:
        for tag in (primary, lang.lower()):
            strings.update(site_strings.get(tag, {}))
    return strings


def load_site_strings(content: Path, i18n_folder: Path | None = None) -> tuple[dict[str, dict[str, str]], list[str]]:
    """The site's UI translations: ``src/content/i18n/<lang>.json`` (Starlight's i18n collection),
    by lowercased file name; and a warning for each file that cannot be read."""
    folder = i18n_folder if i18n_folder is not None else content.parent / "i18n"
    found: dict[str, dict[str, str]] = {}
    warnings: list[str] = []
    if not folder.is_dir():
        return found, warnings
    for file in sorted(folder.glob("*.json")):
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
        except (OSError, ValueError, RecursionError) as error:  # RecursionError: nested too deeply
            why = "not readable" if isinstance(error, OSError) else "not UTF-8 JSON"
            warnings.append(f"{file.name}: {why}; eduforge's own strings are used for it")
            continue
        if not isinstance(data, dict):
            continue
        strings = {
            STARLIGHT_KEYS[key]: value.strip()
            for key, value in data.items()
            if key in STARLIGHT_KEYS and isinstance(value, str) and value.strip() and "{{" not in value
        }
        found[file.stem.lower()] = strings
    return found, warnings


def title_for(title: str | Mapping[str, str], lang: str, default_lang: str, fallback: str) -> str:
    """Starlight's ``title`` in a language: one string for all, or ``title[lang]``, else the
    default locale's, else ``fallback`` (the project folder's name)."""
    if isinstance(title, str):
        return title or fallback
    lowered = {key.lower(): value for key, value in title.items() if isinstance(value, str) and value}
    for tag in (lang.lower(), lang.lower().split("-")[0], default_lang.lower(), default_lang.lower().split("-")[0]):
        if tag in lowered:
            return lowered[tag]
    return next(iter(lowered.values()), fallback)
