"""Organisation pages: company profile, departments, people (with accounts and roles), clients."""

from __future__ import annotations

import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shouhu.accounts.forms import RoleAssignForm
from shouhu.accounts.models import RoleAssignment
from shouhu.accounts.permissions import require, signed_in_user
from shouhu.accounts.services import users as user_services
from shouhu.core.formtools import call_service, flash_form_errors, paginate
from shouhu.organization import selectors, services
from shouhu.organization.forms import (
    AccountForm,
    ClientForm,
    CompanyForm,
    ContactForm,
    DepartmentForm,
    DesignationForm,
    PersonForm,
)
from shouhu.organization.models import Client, ClientContact, Department, Person


@login_required
def company(request: HttpRequest) -> HttpResponse:
    require(request.user, "org.view")
    form = DesignationForm(request.POST or None, initial={"since": None})
    if request.method == "POST" and form.is_valid():
        result = call_service(
            form, lambda: services.designate(actor=signed_in_user(request), data=form.cleaned_data)
        )
        if result:
            messages.success(request, _("已指定總負責人。"))
            if result[1]:
                messages.warning(request, result[1])
            return redirect("organization:company")
    return render(
        request,
        "organization/company.html",
        {
            "company": selectors.company(),
            "designations": selectors.current_designations(),
            "form": form,
            "departments": selectors.departments(),
            "department_form": DepartmentForm(),
        },
    )


@login_required
def company_edit(request: HttpRequest) -> HttpResponse:
    require(request.user, "org.manage")
    current = selectors.company()
    form = CompanyForm(request.POST or None, instance=copy.copy(current) if current else None)
    if request.method == "POST" and form.is_valid():
        if call_service(
            form, lambda: services.save_company(actor=signed_in_user(request), data=form.cleaned_data)
        ):
            messages.success(request, _("公司基本資料已儲存。"))
            return redirect("organization:company")
    return render(request, "organization/form.html", {"form": form, "title": _("編輯公司基本資料")})


@login_required
def department_create(request: HttpRequest) -> HttpResponse:
    require(request.user, "org.manage")
    form = DepartmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if call_service(
            form, lambda: services.create_department(actor=signed_in_user(request), data=form.cleaned_data)
        ):
            messages.success(request, _("部門已新增。"))
            return redirect("organization:company")
    return render(request, "organization/form.html", {"form": form, "title": _("新增部門")})


@login_required
def department_edit(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "org.manage")
    department = get_object_or_404(Department, pk=pk)
    form = DepartmentForm(request.POST or None, instance=copy.copy(department))
    if request.method == "POST" and form.is_valid():
        if call_service(
            form,
            lambda: services.update_department(
                actor=signed_in_user(request),
                department=department,
                data=form.cleaned_data,
            ),
        ):
            messages.success(request, _("部門已更新。"))
            return redirect("organization:company")
    return render(
        request,
        "organization/form.html",
        {
            "form": form,
            "title": _("編輯部門：{name}").format(name=department.name),
            "delete_url": "organization:department_delete",
            "obj": department,
        },
    )


@login_required
@require_POST
def department_delete(request: HttpRequest, pk: int) -> HttpResponse:
    department = get_object_or_404(Department, pk=pk)
    form = DepartmentForm()
    if (
        call_service(
            form, lambda: services.delete_department(actor=signed_in_user(request), department=department)
        )
        is None
        and form.errors
    ):
        for message in form.non_field_errors():
            messages.error(request, str(message))
    else:
        messages.success(request, _("部門已刪除。"))
    return redirect("organization:company")


@login_required
def people(request: HttpRequest) -> HttpResponse:
    require(request.user, "org.view")
    q = request.GET.get("q", "").strip()
    department = request.GET.get("department") or None
    status = request.GET.get("status", "active")
    active = {"active": True, "inactive": False}.get(status)
    qs = selectors.people(
        actor=request.user,
        q=q,
        department_id=int(department) if department and department.isdigit() else None,
        active=active,
    )
    page = paginate(request, qs)
    template = "organization/people_rows.html" if request.htmx else "organization/people.html"  # type: ignore[attr-defined]
    return render(
        request,
        template,
        {
            "page": page,
            "q": q,
            "department": department,
            "status": status,
            "departments": Department.objects.all(),
        },
    )


@login_required
def person_create(request: HttpRequest) -> HttpResponse:
    require(request.user, "org.manage")
    form = PersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        person = call_service(
            form, lambda: services.create_person(actor=signed_in_user(request), data=form.cleaned_data)
        )
        if person:
            messages.success(request, _("已新增人員：{name}").format(name=person.name))
            return redirect("organization:person", pk=person.pk)
    return render(request, "organization/form.html", {"form": form, "title": _("新增人員")})


@login_required
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "org.view")
    person = get_object_or_404(Person.objects.select_related("department", "user"), pk=pk)
    form = PersonForm(request.POST or None, instance=copy.copy(person), prefix="p")
    account_form = AccountForm(prefix="a")
    role_form = RoleAssignForm(prefix="r", initial={"starts_on": None})
    if request.method == "POST" and form.is_valid():
        if call_service(
            form,
            lambda: services.update_person(
                actor=signed_in_user(request), person=person, data=form.cleaned_data
            ),
        ):
            messages.success(request, _("人員資料已更新。"))
            return redirect("organization:person", pk=person.pk)
    roles = (
        RoleAssignment.objects.filter(user=person.user).select_related("department") if person.user_id else []
    )
    return render(
        request,
        "organization/person.html",
        {
            "person": person,
            "form": form,
            "account_form": account_form,
            "role_form": role_form,
            "roles": roles,
        },
    )


@login_required
@require_POST
def person_account(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(Person, pk=pk)
    form = AccountForm(request.POST, prefix="a")
    if form.is_valid():
        user = call_service(
            form,
            lambda: services.create_account_for_person(
                actor=signed_in_user(request),
                person=person,
                username=form.cleaned_data["username"],
                password=form.cleaned_data["password"],
            ),
        )
        if user:
            messages.success(
                request, _("已建立帳號 {username}，首次登入須變更密碼。").format(username=user.username)
            )
            return redirect("organization:person", pk=person.pk)
    flash_form_errors(request, form)
    return redirect("organization:person", pk=person.pk)


@login_required
@require_POST
def person_role(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(Person.objects.select_related("user"), pk=pk)
    form = RoleAssignForm(request.POST, prefix="r")
    account = person.user
    if account is None:
        messages.error(request, _("請先為此人員建立帳號。"))
    elif form.is_valid():
        data = form.cleaned_data
        if call_service(
            form,
            lambda: user_services.assign_role(
                actor=signed_in_user(request),
                user=account,
                role=data["role"],
                department=data["department"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
            ),
        ):
            messages.success(request, _("角色已指派。"))
    flash_form_errors(request, form)
    return redirect("organization:person", pk=person.pk)


@login_required
@require_POST
def role_end(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = get_object_or_404(RoleAssignment.objects.select_related("user"), pk=pk)
    user_services.end_role(actor=signed_in_user(request), assignment=assignment)
    messages.success(request, _("角色已結束。"))
    person = Person.objects.filter(user=assignment.user).first()
    return redirect("organization:person", pk=person.pk) if person else redirect("organization:people")


@login_required
def clients(request: HttpRequest) -> HttpResponse:
    require(request.user, "org.view")
    q = request.GET.get("q", "").strip()
    return render(
        request, "organization/clients.html", {"page": paginate(request, selectors.clients(q=q)), "q": q}
    )


@login_required
def client_create(request: HttpRequest) -> HttpResponse:
    require(request.user, "org.manage")
    form = ClientForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        client = call_service(
            form, lambda: services.create_client(actor=signed_in_user(request), data=form.cleaned_data)
        )
        if client:
            messages.success(request, _("已新增委託者：{name}").format(name=client.name))
            return redirect("organization:client", pk=client.pk)
    return render(request, "organization/form.html", {"form": form, "title": _("新增委託者")})


@login_required
def client_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "org.view")
    client = get_object_or_404(Client, pk=pk)
    form = ClientForm(request.POST or None, instance=copy.copy(client), prefix="c")
    contact_form = ContactForm(prefix="ct")
    if request.method == "POST" and form.is_valid():
        if call_service(
            form,
            lambda: services.update_client(
                actor=signed_in_user(request), client=client, data=form.cleaned_data
            ),
        ):
            messages.success(request, _("委託者資料已更新。"))
            return redirect("organization:client", pk=client.pk)
    return render(
        request,
        "organization/client.html",
        {"client": client, "form": form, "contact_form": contact_form, "contacts": client.contacts.all()},
    )


@login_required
@require_POST
def client_contact_add(request: HttpRequest, pk: int) -> HttpResponse:
    client = get_object_or_404(Client, pk=pk)
    form = ContactForm(request.POST, prefix="ct")
    added = None
    if form.is_valid():
        added = call_service(
            form,
            lambda: services.add_client_contact(
                actor=signed_in_user(request), client=client, data=form.cleaned_data
            ),
        )
    if added is not None:
        messages.success(request, _("聯絡人已新增。"))
    else:
        flash_form_errors(request, form)
    return redirect("organization:client", pk=client.pk)


@login_required
@require_POST
def client_contact_remove(request: HttpRequest, pk: int) -> HttpResponse:
    contact = get_object_or_404(ClientContact, pk=pk)
    services.remove_client_contact(actor=signed_in_user(request), contact=contact)
    messages.success(request, _("聯絡人已移除。"))
    return redirect("organization:client", pk=contact.client_id)


@login_required
@require_POST
def person_account_active(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(Person.objects.select_related("user"), pk=pk)
    if person.user is None:
        messages.error(request, _("此人員沒有帳號。"))
        return redirect("organization:person", pk=person.pk)
    active = request.POST.get("active") == "1"
    try:
        user_services.set_active(actor=signed_in_user(request), user=person.user, active=active)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("帳號已啟用。") if active else _("帳號已停用。"))
    return redirect("organization:person", pk=person.pk)
