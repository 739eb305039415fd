# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from . import test_cycle
from . import test_template_rules
from . import test_generation
from . import test_xls_currency
from . import test_proposals
from . import test_automaton_mail
from . import test_tours
