# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from . import optima_autosend_hint
from . import optima_mail_wizards
from . import optima_mail_serial_wizard
from . import optima_sms_composer
from . import optima_mail_attach_wizard
from . import optima_mail_cert_pick
from . import account_move_send_wizard
from . import optima_mail_address_book
from . import optima_mail_procedure_connect
from . import optima_mail_list_wizards
