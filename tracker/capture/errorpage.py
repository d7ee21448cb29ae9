"""Is a capture an error or block page rather than the page itself?

A capture of "503 Service Unavailable" or a Cloudflare challenge is evidence too, but diffing it
against the real page reports a whole-page rewrite that means nothing: comparisons skip it, and
the page's status (`PageStatus`) becoming an error, recovering or being redirected is reported
as a change of its own.

Told from the text, in English, Russian, French, German, Spanish, Italian, Portuguese, Polish,
Dutch, Ukrainian, Japanese, Chinese, Vietnamese, Indonesian, Thai, Hindi, Persian, Swedish,
Finnish, Czech, Romanian and Hungarian (not found, gone, maintenance, access denied, server
error, service unavailable...), and only on short pages (an error page is short, in a site's
template or not). Hiding a real page's changes behind "error page" is worse than reporting a
soft 404 as a whole-page rewrite, so only what an error page alone says counts:
- a title line: a short line that is the error's name and nothing more, an interjection
  ("Oops!", "Упс"), an error word with its code ("Erreur 404") or a site name after a
  separator ("Page not found | City of Parma") aside; a headline *about* an error ("Ministry
  site shows 'Page not found'") says more, a line "Error 404" among others a list of codes;
- the page speaking of itself in a short paragraph ("the page you are looking for does not
  exist", "La pagina che stai cercando non esiste");
- maintenance: a short paragraph that names maintenance *and* the site being down or back soon
  ("Aufgrund von Wartungsarbeiten ist unsere Website vorübergehend nicht erreichbar"): works on
  a road, a pool's "przerwa techniczna" or a water outage name no website;
- either paragraph only when the page has little other prose (a banner "the portal will be
  unavailable on Saturday for maintenance" above a page of content is a notice);
- server software's and Cloudflare's own sentences, anywhere on a short page.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

_SHORT = 3000  # characters: error pages are short, real pages are not
_TITLE = 120  # characters: a title line is a heading, not an article's sentence
_PARAGRAPH = 400  # characters: an error page's sentence stands in a short paragraph
# characters of other sentences an error page may hold beside its own ("Return to the home
# page or use the menu above."); more, and the sentence is a notice on a page of content
_PROSE = 150
_SENTENCE_END = frozenset(".!?。！？")

# server software's and Cloudflare's own sentences, matched anywhere on a short page
_ANYWHERE = [
    (r"attention required!? \| cloudflare|sorry, you have been blocked", "blocked by Cloudflare"),
    (
        r"just a moment\.\.\.|checking (?:if the site connection is secure|your browser before)"
        r"|enable javascript and cookies to continue|verify(?:ing)? you are (?:a )?human",
        "Cloudflare challenge",
    ),
    (r"you don't have permission to access\b.{0,300}\bon this server", "access denied"),
    (r"\bwas not found on this server\b", "not found"),
    (r"\bis no longer available on this server and there is no forwarding address", "gone"),
    (r"\bthe server is temporarily unable to service your request\b", "service unavailable"),
    (r"\bthe proxy server received an invalid response\b", "bad gateway"),
]

# words said around an error's name: an error word (with a status code) and interjections
_ERROR_WORDS = (
    r"error|erreur|fehler|errore|erro|fout|błąd|blad|ошибка|помилка|エラー|错误|錯誤|http"
    r"|lỗi|kesalahan|ข้อผิดพลาด|त्रुटि|خطای|خطا|fel|virhe|chyba|eroare|hiba"
)
_INTERJECTIONS = (
    r"oops|whoops|woops|uh[- ]oh|oh no|sorry|we're sorry|we are sorry|(?:we(?:'re| are) )?sorry,?"
    r" but|hoppla|huch|oh nein"
    r"|leider|entschuldigung|oups|désolée?|nous sommes désolés|oh non|lo sentimos|ups|uups"
    r"|vaya|ci dispiace|spiacenti|opa|ops|desculpe|oeps|ojej|przepraszamy|упс|ой"
    r"|извините|к сожалению|вибачте|на жаль|申し訳(?:ございません|ありません)|すみません|抱歉"
    r"|很抱歉|对不起|對不起"
    r"|rất tiếc|xin lỗi|mohon maaf|maaf|ขออภัย|क्षमा करें|माफ़ करें|متأسفیم|متاسفیم|hoppsan|tyvärr"
    r"|hups|hupsis|pahoittelemme|jejda|omlouváme se|hopa|ne pare rău|hoppá|sajnáljuk|upsz"
)
_CODE = r"[45]\d\d(?!\d)"
_PREFIX = rf"(?:(?:{_ERROR_WORDS}|{_INTERJECTIONS}|{_CODE})[\W_]*)*"
# after the name: its code ("- Error 404", "(404)"), then a site name after a separator
_SUFFIX = (
    rf"[\s.!?…:()]*(?:[-–—|:]?\s*(?:(?:{_ERROR_WORDS})\s*)?\(?{_CODE}\)?[\s.!?…]*)?"
    r"(?:[|–—·-]\s*[^\d|\n]{1,60})?"
)

# Each error's names as a title line says them (lower case; ' for ’)
_TITLES = {
    "gone": [
        r"410 gone|(?:this |the )?page (?:is )?no longer (?:exists|available)"
        r"|(?:this |the )?page has been (?:removed|deleted)",
        r"(?:diese )?seite (?:existiert nicht mehr|ist nicht mehr verfügbar"
        r"|wurde (?:entfernt|gelöscht))",
        r"(?:cette )?page (?:n'existe plus|n'est plus disponible|a été supprimée)",
        r"(?:esta )?página (?:ya no existe|ya no está disponible|ha sido eliminada)",
        r"(?:questa )?pagina (?:non esiste più|non è più disponibile"
        r"|è stata (?:rimossa|eliminata))",
        r"(?:esta )?página (?:não existe mais|já não existe|não está mais disponível|foi removida)",
        r"(?:ta )?strona (?:już nie istnieje|została usunięta|nie jest już dostępna)",
        r"(?:deze )?pagina (?:bestaat niet meer|is niet meer beschikbaar|is verwijderd)",
        r"(?:эта )?страница (?:была )?удалена|(?:эта )?страница больше не (?:существует|доступна)",
        r"(?:ця )?сторінк[аи] (?:була )?видален[аи]|сторінку видалено"
        r"|(?:ця )?сторінка більше не (?:існує|доступна)",
        r"(?:この|お探しの)?ページは(?:削除されました|公開を終了しました|公開終了しました)",
        r"(?:该|此)?(?:页面|网页)已(?:被)?删除|(?:該|此)?(?:頁面|網頁)已(?:被)?刪除",
        r"trang (?:này )?đã bị xóa|halaman (?:ini )?telah dihapus|หน้านี้ถูกลบ(?:แล้ว)?"
        r"|(?:यह )?(?:पृष्ठ|पेज) हटा दिया गया है|(?:این )?صفحه حذف شده(?: است)?"
        r"|sidan (?:har tagits bort|finns inte längre)|sivu on poistettu|sivua ei ole enää"
        r"|stránka (?:byla (?:odstraněna|smazána)|již neexistuje)"
        r"|pagina a fost (?:ștearsă|eliminată)|pagina nu mai există"
        r"|az oldal (?:megszűnt|törölve lett|már nem létezik)",
    ],
    "not found": [
        r"(?:404 |(?:the )?(?:requested )?(?:page|file|url|resource|document) )not found"
        r"|file or directory not found"
        r"|(?:this |that |the )?page (?:does not|doesn't|did not|didn't) exist"
        r"|(?:this |that |the )?page (?:cannot|can't|could not|couldn't) be found"
        r"|we (?:can't|cannot|couldn't|could not) find (?:that|this|the|your) page",
        r"(?:die )?(?:angeforderte |gesuchte )?seite (?:wurde |konnte )?nicht gefunden(?: werden)?"
        r"|(?:diese |die )?seite existiert nicht|datei nicht gefunden|diese seite gibt es nicht",
        r"page (?:introuvable|non trouvée|inexistante)"
        r"|(?:la |cette )?page (?:demandée )?(?:n'existe pas|est introuvable)",
        r"página no encontrada|(?:la |esta )?página no existe"
        r"|no (?:se (?:ha )?(?:encontró|encontrado|puede encontrar)) la página",
        r"pagina non trovata|(?:la |questa )?pagina (?:richiesta )?"
        r"(?:non esiste|non è stata trovata)|pagina inesistente|impossibile trovare la pagina",
        r"página não encontrada|(?:a |esta )?página (?:solicitada )?"
        r"(?:não existe|não foi encontrada)|página inexistente",
        r"nie znaleziono strony|strony nie znaleziono|strona nie została znaleziona"
        r"|(?:ta |podana |żądana )?strona nie istnieje|nie ma takiej strony",
        r"pagina niet gevonden|(?:deze |de )?pagina (?:bestaat niet|is niet gevonden"
        r"|kan niet worden gevonden|kon niet worden gevonden)",
        r"(?:запрашиваемая )?страница не найдена|(?:такой )?страницы не существует"
        r"|страница не существует",
        r"сторінк[уа] не знайдено|сторінка не знайдена|(?:такої )?сторінки не існує",
        r"(?:お探しの|指定された|ご指定の|お求めの)?ページ(?:が|は)(?:見つかりません(?:でした)?|存在しません)",
        r"(?:页面|网页|頁面|網頁)(?:不存在|未找到|找不到|无法找到|無法找到)"
        r"|(?:找不到|无法找到|無法找到)(?:该|此|您要的|您请求的|您訪問的)?(?:页面|网页|頁面|網頁)"
        r"|(?:您|你)(?:所)?(?:访问|訪問|请求|請求|查找)的(?:页面|网页|頁面|網頁)(?:不存在|找不到)",
        r"không tìm thấy trang(?: này| bạn yêu cầu)?|trang (?:này )?không tồn tại"
        r"|trang không tìm thấy",
        r"halaman (?:ini )?tidak (?:ditemukan|ada)",
        r"ไม่พบหน้า(?:ที่คุณ(?:กำลัง)?(?:ต้องการ|ค้นหา))?(?:นี้)?|ไม่พบ(?:หน้าเว็บ|เพจ)(?:ที่คุณต้องการ)?"
        r"|หน้านี้ไม่มีอยู่",
        r"(?:यह |अनुरोधित )?(?:पृष्ठ|पेज) (?:नहीं मिला|नहीं मिल सका|मौजूद नहीं है)",
        r"صفحه (?:مورد نظر |درخواستی )?(?:یافت نشد|پیدا نشد|وجود ندارد)",
        r"(?:sidan )?(?:kunde inte hittas|hittades inte)|sidan finns inte",
        r"sivua ei (?:löytynyt|löydy)|sivua ei ole olemassa",
        r"stránka (?:nenalezena|nebyla nalezena|neexistuje)|stránku se nepodařilo najít",
        r"pagina nu a fost g[ăa]sit[ăa]|pagina nu exist[ăa]|pagin[ăa] neg[ăa]sit[ăa]",
        r"(?:az )?oldal nem (?:található|létezik)|nincs ilyen oldal",
    ],
    "maintenance": [
        r"(?:(?:the |this |our )?(?:web ?site|site|page|shop) (?:is )?(?:currently |temporarily )?"
        r"|we(?:'re| are) (?:currently )?)(?:down for|under|undergoing|in|performing)"
        r" (?:some )?(?:scheduled |planned )?maintenance"
        r"|down for (?:scheduled |planned )?maintenance|maintenance mode",
        r"(?:(?:die |unsere )?(?:website|webseite|seite|homepage|onlineshop) "
        r"(?:ist |befindet sich )?(?:derzeit |gerade |momentan )?(?:im |in )"
        r"(?:wartung(?:smodus)?))|wartungsmodus"
        r"|wartungsarbeiten an (?:der|unserer) (?:website|webseite|seite)",
        r"(?:(?:le |notre )?site (?:internet |web )?(?:est )?(?:actuellement |temporairement )?"
        r"|page )en (?:cours de )?maintenance|maintenance du site(?: en cours)?",
        r"(?:(?:el |nuestro |la )?(?:sitio(?: web)?|página(?: web)?|web|tienda online) (?:está )?"
        r"(?:actualmente |temporalmente )?|estamos )en mantenimiento",
        r"(?:(?:il |il nostro )?sito(?: web)? (?:è )?(?:attualmente |temporaneamente )?|siamo "
        r"|pagina )in manutenzione|manutenzione del sito(?: in corso)?",
        r"(?:(?:o |nosso )?(?:site|portal|página|loja) (?:está )?(?:temporariamente |atualmente )?"
        r"|estamos )em manutenção",
        r"(?:strona|serwis|witryna|sklep)(?: internetow\w+)? (?:jest )?(?:obecnie |chwilowo "
        r"|tymczasowo )?w (?:trakcie )?(?:przerwie technicznej|konserwacji)",
        r"(?:(?:de |onze )?(?:website|site|webwinkel) (?:is )?(?:tijdelijk |momenteel )?"
        r"|we zijn |wij zijn )(?:in|met) onderhoud|onderhoudsmodus",
        r"(?:сайт|портал|сервис) (?:находится )?(?:временно )?на (?:техническом |плановом )?"
        r"обслуживании|на сайте (?:ведутся|проводятся|идут) (?:технические|профилактические"
        r"|плановые) работы|технические работы на сайте",
        r"(?:сайт|портал|сервіс) (?:тимчасово )?на (?:технічному )?обслуговуванні"
        r"|на сайті (?:ведуться|проводяться|тривають) (?:технічні|профілактичні) роботи"
        r"|технічні роботи на сайті",
        r"(?:ただいま|現在)?(?:システム|サイト|サーバー?)?メンテナンス中(?:です)?",
        r"(?:网站|系统|服务器|網站|系統|伺服器)?(?:正在)?(?:维护|維護)中",
        r"(?:trang web |website |hệ thống )?đang (?:được )?bảo trì",
        r"(?:situs|website)(?: kami)? (?:sedang )?dalam (?:pemeliharaan|perbaikan)"
        r"|sedang dalam pemeliharaan",
        r"(?:เว็บไซต์|ระบบ)?(?:ปิดปรับปรุง|อยู่ระหว่าง(?:การ)?ปรับปรุง)(?:ระบบ|เว็บไซต์)?(?:ชั่วคราว)?",
        r"(?:वेबसाइट|साइट) (?:रखरखाव|अनुरक्षण) (?:में|के अधीन) है",
        r"(?:سایت|وب ?سایت|سامانه) (?:در (?:دست|حال) )?(?:تعمیر|به ?روزرسانی)(?: است)?",
        r"(?:webbplatsen|sajten|sidan) (?:är )?(?:tillfälligt )?(?:under underhåll"
        r"|nere för underhåll)",
        r"(?:sivusto|palvelu|verkkopalvelu) on (?:huoltotilassa|huollossa|huoltokatkolla)"
        r"|sivusto on huoltotilassa",
        r"(?:probíhá )?údržba (?:webu|stránek)|(?:web|stránky) (?:je|jsou) v údržbě",
        r"(?:site-?ul|pagina) (?:este )?în (?:mentenanță|mentenanta)",
        r"(?:a )?(?:weboldal|honlap|oldal) karbantartás alatt(?: áll)?",
    ],
    "access denied": [
        r"access denied|(?:403 |access )forbidden|access to this page is (?:denied|forbidden)",
        r"zugriff verweigert|zugang verweigert|zugriff nicht erlaubt",
        r"accès (?:refusé|interdit)",
        r"acceso (?:denegado|prohibido)",
        r"accesso (?:negato|vietato)",
        r"acesso (?:negado|proibido)",
        r"odmowa dostępu|dostęp zabroniony",
        r"toegang geweigerd",
        r"доступ (?:запрещ[её]н|ограничен)",
        r"доступ (?:заборонено|обмежено)",
        r"アクセス(?:が拒否されました|拒否|が禁止されています)|閲覧権限がありません",
        r"访问被拒绝|拒绝访问|禁止访问|訪問被拒絕|拒絕訪問|禁止訪問",
        r"truy cập bị từ chối|từ chối truy cập|akses ditolak|ปฏิเสธการเข้าถึง"
        r"|पहुँच अस्वीकृत|पहुंच अस्वीकृत|دسترسی (?:غیرمجاز|ممنوع|رد شد)|åtkomst nekad"
        r"|pääsy (?:estetty|kielletty)|přístup (?:odepřen|zamítnut)|acces (?:interzis|refuzat)"
        r"|hozzáférés megtagadva",
    ],
    "server error": [
        r"(?:internal )?server error|an (?:unexpected )?error (?:has )?occurred"
        r"|something went wrong",
        r"interner serverfehler|serverfehler|(?:ein|es ist ein) fehler (?:ist )?aufgetreten",
        r"erreur (?:interne )?(?:du )?serveur|erreur interne"
        r"|une erreur (?:est survenue|s'est produite)",
        r"error (?:interno )?del servidor|(?:se ha producido|ha ocurrido) un error",
        r"errore (?:interno )?(?:del )?server|si è verificato un errore",
        r"erro (?:interno )?(?:do )?servidor|ocorreu um erro",
        r"(?:wewnętrzny )?błąd serwera|wystąpił błąd",
        r"(?:interne )?serverfout|er is een fout opgetreden|er ging iets mis",
        r"(?:внутренняя )?ошибка сервера|произошла ошибка|что-то пошло не так",
        r"(?:внутрішня )?помилка сервера|(?:сталася|виникла) помилка|щось пішло не так",
        r"(?:内部)?サーバー?エラー|エラーが発生しました",
        r"(?:服务器|伺服器)(?:内部)?(?:错误|錯誤)|发生错误|發生錯誤|出错了",
        r"lỗi máy chủ(?: nội bộ)?|đã (?:xảy ra|có) lỗi|kesalahan server(?: internal)?"
        r"|terjadi kesalahan|เกิดข้อผิดพลาด(?:ภายในเซิร์ฟเวอร์)?|ข้อผิดพลาดของเซิร์ฟเวอร์"
        r"|सर्वर त्रुटि|कुछ गलत हो गया|خطای (?:داخلی )?سرور|خطایی رخ داده است",
        r"(?:internt )?serverfel|ett fel (?:har uppstått|uppstod)|något gick fel"
        r"|(?:sisäinen )?palvelinvirhe|tapahtui virhe|jokin meni vikaan",
        r"(?:interní )?chyba serveru|došlo k chybě|něco se pokazilo"
        r"|eroare (?:internă )?(?:a )?serverului|a apărut o eroare|ceva nu a mers bine"
        r"|(?:belső )?(?:szerver|kiszolgáló)hiba|hiba történt",
    ],
    "service unavailable": [
        r"service (?:is )?(?:temporarily )?unavailable|(?:web ?site|site) (?:is )?temporarily"
        r" unavailable",
        r"dienst (?:vorübergehend )?nicht verfügbar|(?:die )?(?:website|webseite|seite) "
        r"(?:ist )?(?:vorübergehend|momentan|derzeit) nicht (?:verfügbar|erreichbar)",
        r"(?:le )?(?:service|site)(?: web| internet)? (?:est )?(?:temporairement |momentanément )?"
        r"(?:indisponible|inaccessible)",
        r"(?:el )?(?:servicio|sitio(?: web)?) (?:está )?(?:temporalmente )?no disponible"
        r"|(?:el )?(?:servicio|sitio(?: web)?) no está disponible(?: temporalmente)?",
        r"(?:il )?(?:servizio|sito(?: web)?) (?:è )?(?:temporaneamente )?non disponibile"
        r"|(?:il )?(?:servizio|sito(?: web)?) non è (?:temporaneamente )?disponibile",
        r"(?:o )?(?:serviço|site) (?:está )?(?:temporariamente )?indisponível",
        r"(?:usługa|serwis|strona) (?:jest )?(?:chwilowo |tymczasowo )?niedostępn[aey]",
        r"(?:dienst|website|site) (?:is )?tijdelijk niet beschikbaar",
        r"(?:сервис|сайт|служба) (?:временно )?недоступ(?:ен|на)",
        r"(?:сервіс|сайт|служба) (?:тимчасово )?недоступн(?:ий|а)",
        r"サービス(?:は)?(?:現在|一時的に)?(?:ご)?利用(?:いただ)?けません|一時的にご利用いただけません",
        r"服务(?:暂时)?不可用|网站暂时无法访问|服務(?:暫時)?無法使用|服務(?:暫時)?不可用",
        r"dịch vụ (?:tạm thời )?không khả dụng|layanan (?:sementara )?tidak tersedia"
        r"|บริการไม่พร้อมใช้งาน(?:ชั่วคราว)?|सेवा (?:अस्थायी रूप से )?(?:उपलब्ध नहीं है|अनुपलब्ध है)"
        r"|سرویس (?:موقتا |موقتاً )?در دسترس نیست",
        r"tjänsten är (?:tillfälligt )?(?:otillgänglig|inte tillgänglig)"
        r"|palvelu (?:on )?(?:tilapäisesti )?(?:poissa käytöstä|ei ole käytettävissä)"
        r"|služba (?:je )?(?:dočasně )?nedostupná|serviciul (?:este )?(?:temporar )?indisponibil"
        r"|a szolgáltatás (?:átmenetileg )?nem elérhető",
    ],
    "bad gateway": [r"bad gateway|gateway time-?out"],
    "rate limited": [
        r"too many requests|rate limit(?:ed| exceeded)",
        r"zu viele anfragen|trop de requêtes|demasiadas solicitudes|troppe richieste",
        r"muitas (?:solicitações|requisições)|zbyt wiele (?:żądań|zapytań)|te veel verzoeken",
        r"слишком много запросов|(?:забагато|занадто багато) запитів",
        r"リクエストが多すぎます|请求过多|请求过于频繁|請求過多",
    ],
}
# the title pattern's group of each reason's phrases: {group name: reason}
_GROUPS = {reason.replace(" ", "_"): reason for reason in _TITLES}
_BY_CODE = {
    401: "access denied", 403: "access denied", 404: "not found", 410: "gone",
    429: "rate limited", 500: "server error", 502: "bad gateway", 503: "service unavailable",
    504: "bad gateway",
}  # fmt: skip

# the page speaking of itself ("the page you are looking for..."), in a short paragraph
_SELF = [
    r"\bthe (?:page|url|file|document|resource) you(?: are| were|'re|'ve| have)?"
    r" (?:looking for|requested|tried to (?:access|reach|open)|searched for)\b[^.!?\n]{0,60}?"
    r"(?:(?:could|can)(?:n't| ?not) be found|was not found|does(?:n't| not) exist"
    r"|no longer exists|is no longer available|(?:has|might have|may have) been (?:re)?moved)",
    r"\bthe requested (?:url|page|resource|document)\b[^.!?\n]{0,80}?"
    r"\b(?:was not found|could not be found|does not exist)",
    r"\bdie (?:von ihnen )?(?:gesuchte|angeforderte|aufgerufene) (?:seite|datei|url)\b"
    r"[^.!?\n]{0,60}?(?:nicht gefunden|existiert nicht|wurde (?:verschoben|gelöscht|entfernt))",
    r"\bla page (?:que vous (?:recherchez|cherchez|avez demandée)|demandée|recherchée)\b"
    r"[^.!?\n]{0,60}?(?:est introuvable|n'existe (?:pas|plus)|a été (?:supprimée|déplacée)"
    r"|n'a pas été trouvée|n'a pu être trouvée)",
    r"\bla página (?:que (?:buscas|busca|estás buscando|está buscando|has solicitado"
    r"|ha solicitado)|solicitada)\b[^.!?\n]{0,60}?(?:no existe|no (?:se ha podido|pudo)"
    r" (?:encontrar|ser encontrada)|no se encuentra|ha sido (?:eliminada|movida|borrada))",
    r"\bla pagina (?:che (?:stai cercando|cerchi|hai richiesto)|richiesta|cercata)\b"
    r"[^.!?\n]{0,60}?(?:non esiste|non è stata trovata|è stata (?:spostata|rimossa|eliminata))",
    r"\ba página (?:que (?:você )?(?:procura|está procurando|procurou|solicitou)|solicitada)\b"
    r"[^.!?\n]{0,60}?(?:não existe|não (?:foi|pôde ser) encontrada|foi (?:removida|movida"
    r"|excluída))",
    r"\bstrona,? (?:której szukasz|którą próbujesz otworzyć)[^.!?\n]{0,60}?(?:nie istnieje"
    r"|nie została znaleziona|została usunięta|została przeniesiona)"
    r"|\b(?:żądana|szukana) strona[^.!?\n]{0,40}?(?:nie istnieje|nie została znaleziona)",
    r"\bde (?:pagina die (?:je|u) (?:zoekt|zocht|probeert te bezoeken)|opgevraagde pagina)\b"
    r"[^.!?\n]{0,60}?(?:bestaat niet|is niet gevonden|kan niet worden gevonden|is verwijderd"
    r"|is verplaatst)",
    r"(?:запрашиваемая|запрошенная|искомая) страница[^.!?\n]{0,60}?(?:не найдена"
    r"|не существует|удалена)|страница,? которую вы (?:ищете|запрашиваете|искали)"
    r"[^.!?\n]{0,60}?(?:не найдена|не существует|удалена)",
    r"(?:запитувана|запитана|шукана) сторінка[^.!?\n]{0,60}?(?:не знайдена|не існує|видалена)"
    r"|сторінк[аи],? яку ви (?:шукаєте|шукали)[^.!?\n]{0,60}?(?:не знайдена|не існує|видалена)",
    r"お探しのページ[^。\n]{0,40}?(?:見つかりません|存在しません|削除|移動)",
    r"(?:您|你)(?:所)?(?:访问|訪問|要找|请求|請求|查找)的(?:页面|網頁|网页|頁面)[^。\n]{0,20}?"
    r"(?:不存在|找不到|已被?删除|已被?刪除|未找到)",
    r"\btrang (?:bạn|quý vị) (?:đang )?(?:tìm kiếm|tìm|yêu cầu|truy cập)[^.!?\n]{0,60}?"
    r"(?:không tồn tại|đã bị xóa|không (?:được )?tìm thấy|đã (?:bị|được) di chuyển)",
    r"\bhalaman yang (?:anda|kamu) (?:cari|tuju|minta|akses)[^.!?\n]{0,60}?"
    r"(?:tidak (?:ditemukan|ada|tersedia)|telah (?:dihapus|dipindahkan))",
    r"ไม่พบหน้า(?:ที่คุณ|ที่ท่าน)(?:กำลัง)?(?:ค้นหา|ต้องการ)"
    r"|หน้าที่คุณ(?:กำลัง)?(?:ค้นหา|ต้องการ)[^.!?\n]{0,40}?(?:ไม่มีอยู่|ไม่พบ|ถูกลบ|ถูกย้าย)",
    r"(?:आप|आपके द्वारा) (?:जो |अनुरोधित )?(?:पृष्ठ|पेज)[^.!?।\n]{0,60}?"
    r"(?:मौजूद नहीं|नहीं मिला|हटा दिया गया|उपलब्ध नहीं)",
    r"صفحه ?(?:ای|ی) (?:که )?(?:به دنبال آن|دنبالش|درخواست)[^.!?؟\n]{0,60}?"
    r"(?:وجود ندارد|یافت نشد|پیدا نشد|حذف شده)"
    r"|صفحه (?:درخواستی|مورد نظر)(?: شما)?[^.!?؟\n]{0,40}?(?:یافت نشد|پیدا نشد|وجود ندارد)",
    r"\bsidan (?:du|ni) (?:söker|letar efter|försökte nå)[^.!?\n]{0,60}?"
    r"(?:finns inte|kunde inte hittas|har (?:flyttats|tagits bort))",
    r"\b(?:hakemaasi|etsimääsi|pyytämääsi) sivua[^.!?\n]{0,60}?ei (?:\w+ )?(?:löytynyt|löydy"
    r"|ole olemassa)|\bsivu,? jota (?:etsit|yritit avata)[^.!?\n]{0,60}?(?:ei ole olemassa"
    r"|on poistettu|on siirretty)",
    r"\b(?:požadovaná|hledaná) stránka[^.!?\n]{0,60}?(?:neexistuje|nebyla nalezena"
    r"|byla (?:přesunuta|odstraněna))|\bstránka,? kterou hledáte[^.!?\n]{0,60}?(?:neexistuje"
    r"|nebyla nalezena|byla (?:přesunuta|odstraněna))",
    r"\bpagina (?:pe care o (?:căutați|cauți|cautati|cauti)|solicitată|căutată)[^.!?\n]{0,60}?"
    r"(?:nu există|nu a fost găsită|a fost (?:mutată|ștearsă|eliminată))",
    r"\b(?:a )?(?:keresett|kért|kívánt) oldal[^.!?\n]{0,60}?(?:nem található|nem létezik"
    r"|törölték|áthelyezték)|\baz oldal,? amit keres[^.!?\n]{0,60}?(?:nem található|nem létezik)",
]
_MAINTENANCE = (
    r"maintenance|wartung|mantenimiento|manutenzione|manutenção|przerw\w* techniczn"
    r"|prac\w* (?:serwisow|techniczn|konserwacyjn)|onderhoud|техническ\w* работ"
    r"|профилактическ\w* работ|обслуживани|технічн\w* робот|профілактичн\w* робот"
    r"|обслуговуванн|メンテナンス|维护|維護"
    r"|bảo trì|pemeliharaan|perbaikan|ปรับปรุง|บำรุงรักษา|रखरखाव|تعمیر|به ?روزرسانی|underhåll"
    r"|huolto|údržb|mentenanț|mentenant|întreținere|karbantart"
)
# the site (not a road, a pool or the water) down, or back soon
_SITE_DOWN = (
    r"\b(?:web ?site|site|page|portal|online services?)\b[^.!?\n]{0,40}?\b(?:is|are|will be"
    r"|has been)\b(?: \w+){0,2}? (?:down|unavailable|offline|not available|inaccessible"
    r"|undergoing|under)\b|\bwe(?:'ll| will| shall)? be back\b|\bbe back (?:online|up)\b"
    r"|\b(?:website|webseite|internetseite|homepage|seite|portal|onlineshop|online-shop"
    r"|online-?dienst|plattform)\b[^.!?\n]{0,60}?(?:nicht erreichbar|nicht verfügbar|offline"
    r"|nicht aufrufbar)|\b(?:wir sind|sind wir) (?:bald|gleich|in kürze|schon bald)"
    r" (?:wieder )?(?:zurück|da|online)"
    r"|\b(?:site|page|portail|service en ligne|plateforme)\b[^.!?\n]{0,60}?(?:indisponible"
    r"|inaccessible|hors ligne|en (?:cours de )?maintenance|n'est pas (?:disponible|accessible))"
    r"|\b(?:nous serons|nous revenons|de retour) (?:très )?(?:bientôt|vite|rapidement)"
    r"|\b(?:sitio|página|web|portal|plataforma|sede electrónica)\b[^.!?\n]{0,60}?(?:no (?:está )?"
    r"disponible|inaccesible|fuera de servicio|fuera de línea|en mantenimiento)"
    r"|\b(?:volveremos|estaremos de vuelta) (?:pronto|en breve|enseguida)"
    r"|\b(?:sito|pagina|portale|piattaforma|servizio online)\b[^.!?\n]{0,60}?(?:non (?:è )?"
    r"disponibile|non raggiungibile|irraggiungibile|offline|in manutenzione|non accessibile)"
    r"|\b(?:torneremo|saremo di nuovo|torniamo) (?:online )?(?:presto|a breve|operativi)"
    r"|\b(?:site|página|portal|plataforma|loja online)\b[^.!?\n]{0,60}?(?:indisponível"
    r"|fora do ar|em manutenção|não está disponível|inacessível)"
    r"|\b(?:voltaremos|voltamos|estaremos de volta) (?:em breve|logo)"
    r"|\b(?:strona|serwis|witryna|portal|platforma|sklep internetowy)\b[^.!?\n]{0,60}?"
    r"(?:niedostępn|będzie (?:ponownie )?dostępn|jest wyłączon)|\bwracamy (?:wkrótce|niebawem)"
    r"|\b(?:website|site|pagina|webwinkel|portaal|platform)\b[^.!?\n]{0,60}?(?:niet (?:beschikbaar"
    r"|bereikbaar)|offline|in onderhoud|onbereikbaar)|\bwe zijn (?:zo|snel|binnenkort|straks)"
    r" (?:weer )?(?:terug|online)"
    r"|(?:сайт|страниц|портал|сервис|личный кабинет)[^.!?\n]{0,60}?(?:недоступ|не работает)"
    r"|(?:скоро|вскоре) (?:вернёмся|вернемся|заработаем)"
    r"|(?:сайт|сторінк|портал|сервіс|кабінет)[^.!?\n]{0,60}?(?:недоступн|не працює)"
    r"|(?:скоро|незабаром) (?:повернемося|повернемось|запрацюємо)"
    r"|(?:サイト|ページ|サービス|ホームページ|システム)[^。\n]{0,40}?(?:ご利用いただけません"
    r"|利用できません|ご利用できません|停止して|停止中|アクセスできません|休止)"
    r"|(?:网站|网页|页面|系统|服务|網站|網頁|頁面|系統|服務)[^。\n]{0,30}?(?:暂时无法|暫時無法"
    r"|无法访问|無法訪問|暂停|暫停|不可用)"
    r"|(?:trang web|website|hệ thống)[^.!?\n]{0,60}?(?:đang bảo trì|tạm ngừng|tạm thời không"
    r"|không thể truy cập)|\bsẽ (?:sớm )?quay lại"
    r"|\b(?:situs|website|laman|layanan)\b[^.!?\n]{0,60}?(?:sedang dalam (?:pemeliharaan"
    r"|perbaikan)|tidak dapat diakses|tidak tersedia)|\b(?:akan )?segera kembali"
    r"|(?:เว็บไซต์|ระบบ)[^.!?\n]{0,40}?(?:ปิดปรับปรุง|อยู่ระหว่าง(?:การ)?ปรับปรุง|ไม่สามารถใช้งาน"
    r"|ปิดให้บริการชั่วคราว)"
    r"|(?:वेबसाइट|साइट|पोर्टल)[^।.!?\n]{0,60}?(?:उपलब्ध नहीं|बंद है|रखरखाव)|जल्द ही वापस"
    r"|(?:سایت|وب ?سایت|سامانه)[^.!?؟\n]{0,60}?(?:در دست|در حال|در دسترس نیست)"
    r"|\b(?:webbplats|sajt|sidan|tjänsten)\w*[^.!?\n]{0,60}?(?:under underhåll"
    r"|inte tillgänglig|ligger nere)|\b(?:vi är|är vi) snart tillbaka"
    r"|\b(?:sivusto|verkkosivu|palvelu)\w*[^.!?\n]{0,60}?(?:poissa käytöstä|ei ole käytettävissä"
    r"|huoltotilassa|huollossa|tavoittamattomissa)|\bpalaamme pian"
    r"|\b(?:web|stránky|portál|služba)\w*[^.!?\n]{0,60}?(?:nedostupn|mimo provoz|v údržbě"
    r"|(?:brzy|opět) (?:opět )?dostupn)|\bbrzy (?:se )?vrátíme"
    r"|\b(?:site|pagina|portal)\w*[^.!?\n]{0,60}?(?:indisponibil|în mentenanță"
    r"|nu este disponibil|inaccesibil)|\brevenim (?:în curând|curând)"
    r"|\b(?:weboldal|oldal|honlap|portál|rendszer)\w*[^.!?\n]{0,60}?(?:nem elérhető"
    r"|elérhetetlen|szünetel)|\bhamarosan (?:újra )?(?:visszatérünk|elérhető)"
)


# the digits of Arabic, Persian, Devanagari, Bengali, Thai, Lao, Tibetan, Myanmar and full width
_DIGITS = {
    zero + i: ord("0") + i
    for zero in (0x660, 0x6F0, 0x966, 0x9E6, 0xE50, 0xED0, 0xF20, 0x1040, 0xFF10)
    for i in range(10)
}


@dataclass(frozen=True)
class _Rules:
    anywhere: list
    title: re.Pattern
    self_: re.Pattern
    maintenance: re.Pattern
    site_down: re.Pattern


@functools.cache
def _rules() -> _Rules:
    """Compiled on the first short page: most captures are real pages and never need them."""
    flags = re.IGNORECASE | re.DOTALL
    names = "|".join(
        f"(?P<{group}>{'|'.join(_TITLES[reason])})" for group, reason in _GROUPS.items()
    )
    title = (
        rf"{_PREFIX}(?:{names}){_SUFFIX}"
        rf"|(?:(?:{_ERROR_WORDS})[\W_]*)+(?P<code>{_CODE})[\W_]*(?:[|–—·-]\s*[^\d|\n]{{1,60}})?"
        rf"|(?:http\s*)?(?P<code2>{_CODE})[\W_]*(?:(?:{_ERROR_WORDS})[\W_]*)+"
    )
    return _Rules(
        [(re.compile(p, flags), reason) for p, reason in _ANYWHERE],
        re.compile(title, flags),
        re.compile("|".join(_SELF), flags),
        re.compile(_MAINTENANCE, flags),
        re.compile(_SITE_DOWN, flags),
    )


def error_reason(info_extra: dict | None, text: str) -> str | None:
    """A short reason ("HTTP 503", "blocked by Cloudflare", "not found") for an error page,
    else None."""
    status = (info_extra or {}).get("status")
    if isinstance(status, str) and status.isdigit():
        status = int(status)
    if isinstance(status, int) and not 200 <= status < 300:
        return f"HTTP {status}"
    if len(text) > _SHORT and _stripped_length(text) > _SHORT:
        return None  # a real page: told without copying its (maybe 10 MB) text
    stripped = text.strip()  # no longer than _SHORT: `_stripped_length` is exact
    return text_reason(stripped) if stripped else None


def text_reason(text: str) -> str | None:
    """What a short page's text says it is, by the rules of the module docstring."""
    rules = _rules()
    # ZWNJ joins a Persian word's parts ("صفحه‌ای"): a space for the phrases; a status code
    # in a script's own digits ("त्रुटि ४०४", "خطای ۴۰۴") read as 404
    text = text.replace("\u2019", "'").replace("\u00a0", " ").replace("\u200c", " ")
    text = text.translate(_DIGITS)
    for pattern, reason in rules.anywhere:
        if pattern.search(text):
            return reason
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
    found, codes = None, set()
    for paragraph in paragraphs:
        for line in paragraph.split("\n"):
            line = " ".join(line.split())
            m = rules.title.fullmatch(line) if len(line) <= _TITLE else None
            if m is None:
                continue
            code = m.group("code") or m.group("code2")
            if code:
                codes.add(code)
                reason = _BY_CODE.get(int(code), f"error {code}")
            else:
                reason = _GROUPS[m.lastgroup]
            found = found or reason
    if len(codes) > 1:
        return None  # "Error 404", "Error 500"...: a page about status codes
    if found:
        return found
    for paragraph in paragraphs:
        if len(paragraph) > _PARAGRAPH:
            continue
        if rules.self_.search(paragraph):
            reason = "not found"
        elif rules.maintenance.search(paragraph) and rules.site_down.search(paragraph):
            reason = "maintenance"
        else:
            continue
        if _prose(paragraphs, paragraph) <= max(_PROSE, len(paragraph)):
            return reason
        return None  # a notice on a page with content of its own ("… unavailable on Saturday")
    return None


def _prose(paragraphs: list[str], but: str) -> int:
    """The characters of the page's sentences outside paragraph `but`: lines of eight words or
    more that end as a sentence does (a menu, an address line or a heading does not)."""
    return sum(
        len(line)
        for paragraph in paragraphs
        if paragraph != but
        for line in paragraph.split("\n")
        if len(line.split()) >= 8 and line.rstrip()[-1:] in _SENTENCE_END
    )


def _stripped_length(text: str) -> int:
    """`len(text.strip())`, from the spaces at its two ends (`strip` copies a text that ends
    with a newline, as most do)."""
    head, tail = text[:64], text[-64:]
    lead, trail = len(head) - len(head.lstrip()), len(tail) - len(tail.rstrip())
    if lead == len(head) or trail == len(tail):  # more space than that: count it all
        return len(text.strip())
    return len(text) - lead - trail


@dataclass(frozen=True)
class PageStatus:
    """What a capture says about the page's availability, from its sidecar and its text."""

    label: str  # "200 OK", "404 Not Found", "error: blocked by Cloudflare", "ok"
    error: bool  # an error or block page: its text is not the page's content
    code: int | None = None  # the HTTP status, when the capture came over HTTP
    final_url: str | None = None  # where a redirect ended, when it left the address asked for


def page_status(extra: dict | None, text: str, url: str | None = None) -> PageStatus:
    """The capture's status; plain files with no HTTP status are "ok" unless their text is an
    error page."""
    extra = extra or {}
    code = extra.get("status")
    if isinstance(code, str) and code.isdigit():
        code = int(code)
    code = code if isinstance(code, int) and not isinstance(code, bool) else None
    final = extra.get("final_url") if isinstance(extra.get("final_url"), str) else None
    final = final if final and url and final != url else None
    if code is None:
        head = "ok"
    else:
        from http import HTTPStatus  # an enum of 60 codes: only a fetched capture has one

        try:
            head = f"{code} {HTTPStatus(code).phrase}"
        except ValueError:
            head = f"HTTP {code}"
    reason = error_reason(extra, text)
    if reason is not None and (code is None or 200 <= code < 300):
        head = f"error: {reason}"
    label = f"{head}, redirected to {final}" if final else head
    return PageStatus(label, reason is not None, code, final)
