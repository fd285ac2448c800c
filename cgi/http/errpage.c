/*
 * Error pages, rendered without templates or the database so that they
 * work when everything else has failed. Their texts are translated here.
 */
#include <stdio.h>
#include <string.h>

#include "core/log.h"
#include "core/writer.h"
#include "http/errpage.h"
#include "http/request.h"
#include "http/response.h"
#include "portal_limits.h"
#include "view/lang.h"

enum err_kind {
	ERR_400, ERR_403, ERR_404, ERR_405, ERR_411, ERR_413, ERR_414,
	ERR_429, ERR_500, ERR_503, ERR__MAX
};

static const int err_status[ERR__MAX] = {
	400, 403, 404, 405, 411, 413, 414, 429, 500, 503,
};

struct err_text {
	const char	*title;
	const char	*body;
};

static const struct err_text err_texts[LANG__MAX][ERR__MAX] = {
[LANG_EN] = {
	{ "Bad request", "The request could not be understood. Please go back and try again." },
	{ "Request refused", "This request was refused. If you were filling in a form, go back, reload the page and send it again." },
	{ "Page not found", "There is no page at this address." },
	{ "Method not allowed", "This address does not accept this kind of request." },
	{ "Length required", "The request did not say how large it was." },
	{ "Too large", "What you sent is larger than the portal accepts. Please send smaller or fewer files." },
	{ "Address too long", "The address of this request is too long." },
	{ "Too many requests", "Too many requests came from your connection. Please wait a minute and try again." },
	{ "Something went wrong", "The portal could not complete this request. Nothing you sent has been kept unless you received a receipt." },
	{ "Temporarily unavailable", "The portal is briefly unavailable. Please try again in a few seconds." },
},
[LANG_FR] = {
	{ "Requête incorrecte", "La requête n’a pas pu être comprise. Veuillez revenir en arrière et réessayer." },
	{ "Requête refusée", "Cette requête a été refusée. Si vous remplissiez un formulaire, revenez en arrière, rechargez la page et envoyez-le de nouveau." },
	{ "Page introuvable", "Il n’existe aucune page à cette adresse." },
	{ "Méthode non autorisée", "Cette adresse n’accepte pas ce type de requête." },
	{ "Longueur requise", "La requête n’indiquait pas sa taille." },
	{ "Envoi trop volumineux", "Ce que vous avez envoyé dépasse la taille acceptée par le portail. Veuillez envoyer des fichiers plus petits ou moins nombreux." },
	{ "Adresse trop longue", "L’adresse de cette requête est trop longue." },
	{ "Trop de requêtes", "Trop de requêtes proviennent de votre connexion. Veuillez patienter une minute et réessayer." },
	{ "Une erreur s’est produite", "Le portail n’a pas pu traiter cette requête. Rien de ce que vous avez envoyé n’a été conservé, sauf si vous avez reçu un accusé de réception." },
	{ "Service momentanément indisponible", "Le portail est brièvement indisponible. Veuillez réessayer dans quelques secondes." },
},
[LANG_ES] = {
	{ "Solicitud incorrecta", "No se pudo interpretar la solicitud. Vuelva atrás e inténtelo de nuevo." },
	{ "Solicitud rechazada", "Se rechazó esta solicitud. Si estaba rellenando un formulario, vuelva atrás, recargue la página y envíelo de nuevo." },
	{ "Página no encontrada", "No existe ninguna página en esta dirección." },
	{ "Método no permitido", "Esta dirección no acepta este tipo de solicitud." },
	{ "Longitud requerida", "La solicitud no indicaba su tamaño." },
	{ "Envío demasiado grande", "Lo que ha enviado supera el tamaño que admite el portal. Envíe archivos más pequeños o en menor número." },
	{ "Dirección demasiado larga", "La dirección de esta solicitud es demasiado larga." },
	{ "Demasiadas solicitudes", "Se han recibido demasiadas solicitudes desde su conexión. Espere un minuto e inténtelo de nuevo." },
	{ "Se ha producido un error", "El portal no pudo completar esta solicitud. No se ha conservado nada de lo que envió, salvo que haya recibido un acuse de recibo." },
	{ "Servicio no disponible temporalmente", "El portal no está disponible por unos momentos. Vuelva a intentarlo dentro de unos segundos." },
},
[LANG_RU] = {
	{ "Неверный запрос", "Запрос не удалось обработать. Вернитесь назад и повторите попытку." },
	{ "Запрос отклонён", "Этот запрос отклонён. Если вы заполняли форму, вернитесь назад, обновите страницу и отправьте её снова." },
	{ "Страница не найдена", "По этому адресу нет страницы." },
	{ "Метод не разрешён", "Этот адрес не принимает запросы такого типа." },
	{ "Требуется указать длину", "В запросе не был указан его размер." },
	{ "Слишком большой объём", "Отправленные данные превышают допустимый для портала размер. Отправьте файлы меньшего размера или в меньшем количестве." },
	{ "Слишком длинный адрес", "Адрес этого запроса слишком длинный." },
	{ "Слишком много запросов", "С вашего подключения поступило слишком много запросов. Подождите минуту и повторите попытку." },
	{ "Произошла ошибка", "Портал не смог выполнить этот запрос. Ничего из отправленного вами не сохранено, если вы не получили квитанцию." },
	{ "Сервис временно недоступен", "Портал ненадолго недоступен. Повторите попытку через несколько секунд." },
},
[LANG_ZH] = {
	{ "请求有误", "无法识别该请求。请返回并重试。" },
	{ "请求被拒绝", "该请求已被拒绝。如您正在填写表格，请返回、重新加载页面后再次提交。" },
	{ "未找到页面", "此地址没有页面。" },
	{ "不允许的请求方法", "此地址不接受此类请求。" },
	{ "需要说明长度", "该请求未说明其大小。" },
	{ "提交内容过大", "您提交的内容超过了门户网站允许的大小。请提交较小或较少的文件。" },
	{ "地址过长", "该请求的地址过长。" },
	{ "请求过多", "来自您的连接的请求过多。请等待一分钟后重试。" },
	{ "出现错误", "门户网站无法完成该请求。除非您已收到回执，否则您提交的内容均未保存。" },
	{ "暂时无法使用", "门户网站暂时无法使用。请在几秒钟后重试。" },
},
[LANG_AR] = {
	{ "طلب غير صالح", "تعذّر فهم الطلب. يُرجى الرجوع والمحاولة مرة أخرى." },
	{ "الطلب مرفوض", "رُفض هذا الطلب. إذا كنت تملأ استمارة، فيُرجى الرجوع وإعادة تحميل الصفحة ثم إرسالها من جديد." },
	{ "الصفحة غير موجودة", "لا توجد صفحة في هذا العنوان." },
	{ "طريقة غير مسموح بها", "لا يقبل هذا العنوان هذا النوع من الطلبات." },
	{ "يلزم تحديد الطول", "لم يحدّد الطلب حجمه." },
	{ "الحجم كبير جدًا", "ما أرسلته يتجاوز الحجم الذي تقبله البوابة. يُرجى إرسال ملفات أصغر حجمًا أو أقل عددًا." },
	{ "العنوان طويل جدًا", "عنوان هذا الطلب طويل جدًا." },
	{ "طلبات كثيرة جدًا", "وردت طلبات كثيرة جدًا من اتصالك. يُرجى الانتظار دقيقة ثم المحاولة مرة أخرى." },
	{ "حدث خطأ", "تعذّر على البوابة إتمام هذا الطلب. لم يُحفظ شيء مما أرسلته ما لم تتلقَّ إيصالًا." },
	{ "الخدمة غير متاحة مؤقتًا", "البوابة غير متاحة لفترة وجيزة. يُرجى المحاولة مرة أخرى بعد بضع ثوانٍ." },
},
};

static const char *const incident_label[LANG__MAX] = {
	[LANG_AR] = "الرقم المرجعي للحادث:",
	[LANG_EN] = "Incident reference:",
	[LANG_ES] = "Referencia del incidente:",
	[LANG_FR] = "Référence de l’incident :",
	[LANG_RU] = "Номер инцидента:",
	[LANG_ZH] = "事件编号：",
};

static const char *const home_label[LANG__MAX] = {
	[LANG_AR] = "العودة إلى الصفحة الرئيسية",
	[LANG_EN] = "Return to the home page",
	[LANG_ES] = "Volver a la página de inicio",
	[LANG_FR] = "Retour à la page d’accueil",
	[LANG_RU] = "Вернуться на главную страницу",
	[LANG_ZH] = "返回首页",
};

static enum err_kind
err_kind_of(int status)
{
	int	 i;

	for (i = 0; i < ERR__MAX; i++)
		if (err_status[i] == status)
			return (enum err_kind)i;
	return status >= 500 ? ERR_500 : ERR_400;
}

static int
errpage_json(struct req *r, int status)
{
	char	 body[128];
	int	 n;

	n = snprintf(body, sizeof(body), "{\"error\":%d,\"incident\":\"%s\"}\n",
	    status, r->incident);
	return resp_send(r, status, "application/json", body, (size_t)n);
}

/* Every value written here is one of ours: no escaping is needed. */
static int
errpage_html(struct req *r, int status, enum err_kind k)
{
	const struct err_text	*t = &err_texts[r->lang][k];
	struct writer		*w = &r->out;
	int			 rc = 0;

	if (resp_begin(r, status, "text/html; charset=utf-8") == -1)
		return -1;
	rc |= w_printf(w, "<!DOCTYPE html>\n<html lang=\"%s\" dir=\"%s\">"
	    "<head><meta charset=\"utf-8\"><meta name=\"viewport\" "
	    "content=\"width=device-width, initial-scale=1\">"
	    "<link rel=\"stylesheet\" href=\"/static/portal.css\">",
	    lang_code[r->lang], lang_dir[r->lang]);
	rc |= w_puts(w, "<title>");
	rc |= w_puts(w, t->title);
	rc |= w_puts(w, "</title></head><body><main class=\"error\"><h1>");
	rc |= w_puts(w, t->title);
	rc |= w_puts(w, "</h1><p>");
	rc |= w_puts(w, t->body);
	rc |= w_puts(w, "</p><p class=\"incident\">");
	rc |= w_puts(w, incident_label[r->lang]);
	rc |= w_printf(w, " <code>%s</code></p><p><a href=\"/%s/\">",
	    r->incident, lang_code[r->lang]);
	rc |= w_puts(w, home_label[r->lang]);
	rc |= w_puts(w, "</a></p></main></body></html>\n");
	return rc ? -1 : 0;
}

int
errpage_send(struct req *r, int status, const char *allow)
{
	static char	 retry[16];
	enum err_kind	 k = err_kind_of(status);

	status = err_status[k];
	if (r->resp.begun)
		return -1;
	if (status == 405 && allow != NULL &&
	    resp_header(r, "Allow", allow) == -1)
		return -1;
	if (status == 503 || status == 429) {
		(void)snprintf(retry, sizeof(retry), "%d", DB_RETRY_AFTER_S);
		if (resp_header(r, "Retry-After", retry) == -1)
			return -1;
	}
	log_event(status >= 500 ? LOG_WARN : LOG_INFO, "http.error",
	    "status=%d incident=%s", status, r->incident);
	if (req_wants_json(r))
		return errpage_json(r, status);
	return errpage_html(r, status, k);
}
